// Gateways and devices, the gateways' part (manual 7.16.1, 7.16.1.1-7.16.1.2, 7.16.6.2):
// section A lists the gateways, section B is the selected (or new) gateway's settings with
// Save, Test, Devices, ON/OFF and Delete. The Local gateway of a Mini keeps 127.0.0.1 and has
// no Delete (only OFF). Every refusal of the server appears next to its field.
import { useEffect } from 'preact/hooks';
import {
  devicesPath, eqCandidates, gatewayForm, gatewayPath, gatewaysOf, GATEWAYS_PATH, gatewayValue, namesOf,
} from '../lib/config-devices.js';
import { Field, FieldError, OnOffButton, TestButton } from '../ui/ConfigFields.jsx';
import { useApp } from '../ui/context.js';
import { Link } from '../ui/router.jsx';
import { ErrorLine } from '../ui/Shell.jsx';
import { useConfigForm } from '../ui/useConfigForm.js';
import { useConfiguration } from '../ui/useConfiguration.js';
import { listRows } from '../lib/site-config.js';

const KIND_KEYS = { local: 'gateways.kind.local', physical: 'gateways.kind.physical', virtual: 'gateways.kind.virtual' };
const GATEWAY_FIELDS = ['kind', 'name', 'ip', 'port', 'description', 'eqDevice', 'panelBoard', 'on'];

export function GatewayList({ configuration, selected }) {
  const { t } = useApp();
  const gateways = gatewaysOf(configuration);
  return (
    <section class="config-list" aria-label={t('gateways.listTitle')}>
      <ul class="device-list" data-test="gateway-list">
        {gateways.map((gateway, g) => (
          <li key={g}>
            <Link href={gatewayPath(g)} class={`device-button${selected === g ? ' selected' : ''}`}
              data-test={`gateway-${g}`} data-on={gateway.on === false ? 'false' : 'true'}>
              <span class="device-address">{gateway.kind === 'local' ? '127.0.0.1' : gateway.ip}</span>
              <span class="device-name">{namesOf(configuration, g).name}</span>
              <span class="device-state">{gateway.on === false ? t('gateways.off') : t('gateways.on')}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p class="actions">
        <Link href={`${GATEWAYS_PATH}/new`} class="button primary" data-test="gateway-add">{t('gateways.add')}</Link>
      </p>
    </section>
  );
}

/** @param {{gateway?: string, mode: 'list' | 'new' | 'edit'}} props */
export function Gateways({ gateway, mode }) {
  const { t, api } = useApp();
  const { configuration, catalogue, loadError, save } = useConfiguration(api);
  const index = mode === 'edit' ? Number(gateway) : -1;
  const { form, setForm, set, errors, busy, notice, send: sendForm } = useConfigForm(save);
  const gateways = gatewaysOf(configuration);
  const original = index >= 0 ? gateways[index] : null;

  useEffect(() => {
    if (!configuration) return;
    if (mode === 'new') {
      if (!form) setForm(gatewayForm({ kind: 'physical' }));
    } else {
      setForm(original ? gatewayForm(original) : null);
    }
  }, [configuration, mode, gateway]);

  if (loadError) return <ErrorLine message={loadError} test="form-error" />;
  if (!configuration || !catalogue) return <div class="loading" aria-busy="true" data-test="loading" />;
  if (mode === 'edit' && !original) {
    return <ErrorLine message={{ key: 'gateways.noGateway', params: { gateway } }} test="form-error" />;
  }

  const prefix = mode === 'new' ? `installation.gateways[${gateways.length}]` : `installation.gateways[${index}]`;

  const send = (edits, summary, next = null) => sendForm(edits, summary, prefix, GATEWAY_FIELDS, next);

  const submit = (event) => {
    event.preventDefault();
    if (mode === 'new') {
      send([{ op: 'append', path: 'installation.gateways', value: gatewayValue(form, { devices: [] }) }],
        `add gateway ${form.name || form.ip}`, gatewayPath(gateways.length));
    } else {
      const value = gatewayValue(form, original);
      const edits = ['name', 'ip', 'port', 'description', 'on']
        .filter((key) => key in value)
        .map((key) => ({ op: 'set', path: `${prefix}.${key}`, value: value[key] }));
      edits.push({ op: 'set', path: `${prefix}.eqDevice`, value: form.eqDevice });
      send(edits, `gateway ${namesOf(configuration, index).name} settings`, null);
    }
  };

  const toggle = () => send([{ op: 'set', path: `${prefix}.on`, value: !(original.on !== false) }],
    `gateway ${namesOf(configuration, index).name} ${original.on === false ? 'ON' : 'OFF'}`, null);

  const local = form && form.kind === 'local';
  const names = index >= 0 ? namesOf(configuration, index) : { devices: [] };
  const eqOptions = original ? eqCandidates(catalogue, original, names) : [];

  return (
    <div class="config-page">
      {notice ? <p class="notice" role="status" data-test="cfg-saved">{t(notice)}</p> : null}
      <GatewayList configuration={configuration} selected={index} />
      {form ? (
        <form class="config-form" onSubmit={submit} noValidate aria-busy={busy ? 'true' : 'false'} data-test="gateway-form">
          <h2>{mode === 'new' ? t('gateways.newTitle') : t('gateways.settingsTitle')}</h2>
          {mode === 'new' ? (
            <Field id="kind" label={t('gateways.kind')} value={form.kind} errors={errors} disabled={busy}
              onInput={(v) => set('kind', v)}
              options={[{ value: 'physical', label: t('gateways.kind.physical') },
                { value: 'virtual', label: t('gateways.kind.virtual') }]} />
          ) : (
            <p class="hint" data-test="cfg-kind-shown">{t(KIND_KEYS[form.kind] || 'gateways.kind.physical')}</p>
          )}
          <Field id="ip" label={t('gateways.ip')} value={form.ip} errors={errors} disabled={busy} readOnly={local}
            hint={local ? t('gateways.localFixed') : null} onInput={(v) => set('ip', v)} />
          <Field id="port" label={t('gateways.port')} value={form.port} errors={errors} disabled={busy}
            readOnly={local} onInput={(v) => set('port', v)} />
          <Field id="name" label={t('gateways.name')} value={form.name} errors={errors} disabled={busy}
            hint={t('gateways.nameDefault')} onInput={(v) => set('name', v)} />
          <Field id="description" label={t('gateways.description')} value={form.description} errors={errors}
            disabled={busy} onInput={(v) => set('description', v)} />
          <Field id="panelBoard" label={t('devform.panelBoard')} value={form.panelBoard} errors={errors} disabled={busy}
            onInput={(v) => set('panelBoard', v)}
            options={[{ value: '', label: t('gateways.none') },
              ...listRows(configuration.scenario, 'panelBoards').filter((r) => r.enabled || r.name === form.panelBoard)
                .map((r) => ({ value: r.name, label: r.name }))]} />
          {mode === 'edit' ? (
            <Field id="eqDevice" label={t('gateways.eqDevice')} value={form.eqDevice} errors={errors} disabled={busy}
              hint={t('gateways.eqHint')} onInput={(v) => set('eqDevice', v)}
              options={[{ value: '', label: t('gateways.none') }, ...eqOptions.map((n) => ({ value: n, label: n }))]} />
          ) : null}
          <FieldError field="on" errors={errors} />
          <FieldError field="_form" errors={errors} />
          <div class="actions">
            <button type="submit" class="button primary" data-test="cfg-save" disabled={busy}>{t('gateways.save')}</button>
            {mode === 'edit' ? (
              <>
                <TestButton api={api} path="/configuration/test/gateway" body={{ gateway: index }} />
                <Link href={devicesPath(index)} class="button secondary" data-test="gateway-devices">{t('gateways.devices')}</Link>
                <OnOffButton on={original.on !== false} onToggle={toggle} disabled={busy} />
                {local ? null : (
                  <Link href={`${gatewayPath(index)}/delete`} class="button secondary" data-test="cfg-delete">
                    {t('gateways.delete')}
                  </Link>
                )}
              </>
            ) : (
              <Link href={GATEWAYS_PATH} class="button secondary" data-test="cfg-cancel">{t('common.cancel')}</Link>
            )}
          </div>
        </form>
      ) : null}
    </div>
  );
}
