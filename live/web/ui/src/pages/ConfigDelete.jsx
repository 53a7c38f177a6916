// The Delete confirmation page (manual 7.16.1.5): names what will be erased; "Erase" removes
// it from the configuration, Cancel goes back. The server refuses the Local gateway and a
// gateway that still has devices; its reason is shown here.
import { useState } from 'preact/hooks';
import { devicePath, devicesPath, gatewayPath, GATEWAYS_PATH, gatewaysOf, namesOf, saveErrors } from '../lib/config-devices.js';
import { FieldError } from '../ui/ConfigFields.jsx';
import { useApp } from '../ui/context.js';
import { Link, navigate } from '../ui/router.jsx';
import { ErrorLine } from '../ui/Shell.jsx';
import { useConfiguration } from '../ui/useConfiguration.js';

/** @param {{gateway: string, device?: string}} props */
export function ConfigDelete({ gateway, device }) {
  const { t, api } = useApp();
  const { configuration, loadError, save } = useConfiguration(api);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  if (loadError) return <ErrorLine message={loadError} test="form-error" />;
  if (!configuration) return <div class="loading" aria-busy="true" data-test="loading" />;
  const g = Number(gateway);
  const d = device === undefined ? -1 : Number(device);
  const entry = gatewaysOf(configuration)[g];
  const names = namesOf(configuration, g);
  if (!entry || (d >= 0 && !(entry.devices || [])[d])) {
    return <ErrorLine message={{ key: 'gateways.noDevice', params: { gateway, device: device || '' } }} test="form-error" />;
  }
  const name = d >= 0 ? names.devices[d].name : names.name;
  const path = d >= 0 ? `installation.gateways[${g}].devices[${d}]` : `installation.gateways[${g}]`;

  const erase = async () => {
    setBusy(true);
    const edits = [{ op: 'remove', path }];
    // A deleted EQ device leaves its gateway without one.
    if (d >= 0 && entry.eqDevice && entry.eqDevice === name) {
      edits.unshift({ op: 'set', path: `installation.gateways[${g}].eqDevice`, value: '' });
    }
    const result = await save(edits, `delete ${d >= 0 ? 'device' : 'gateway'} ${name}`);
    setBusy(false);
    if (!result.ok) {
      if (result.status !== 401) setErrors(saveErrors(result, path, []));
      return;
    }
    navigate(d >= 0 ? devicesPath(g) : GATEWAYS_PATH);
  };

  return (
    <div class="config-page message-page">
      <p data-test="delete-question">{t(d >= 0 ? 'gateways.deleteDevice' : 'gateways.deleteGateway', { name })}</p>
      <FieldError field="_form" errors={errors} />
      <div class="actions">
        <button type="button" class="button primary" data-test="cfg-erase" disabled={busy} onClick={erase}>
          {t('gateways.erase')}
        </button>
        <Link href={d >= 0 ? devicePath(g, d) : gatewayPath(g)} class="button secondary" data-test="cfg-cancel">
          {t('common.cancel')}
        </Link>
      </div>
    </div>
  );
}
