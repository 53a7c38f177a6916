// Pieces shared by the System configuration's site pages (loads, groups, panel boards, bill,
// sample rate, Green'Up, Master/Slave, Link): the frame that loads the configuration, the
// saved notice, the stale-version message with its reload, a field's error.
import { useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors.js';
import { changeErrors } from '../lib/site-config.js';
import { useApp } from '../ui/context.js';
import { Link } from '../ui/router.jsx';
import { ErrorLine } from '../ui/Shell.jsx';
import { useConfiguration } from '../ui/useConfiguration.js';

/** The error next to a field: {key, params} or null. */
export function FieldMessage({ message, test }) {
  const { t } = useApp();
  if (!message) return null;
  return <p class="field-error" role="alert" data-test={test}>{t(message.key, message.params)}</p>;
}

/**
 * Loads the configuration and renders `children(config, saver)` once it is there; saver.save
 * posts edits and turns the answer into messages by field (under `prefix`).
 */
export function ConfigPage({ test, children }) {
  const { t, api } = useApp();
  const { configuration: config, loadError, reload, save } = useConfiguration(api);
  const [notice, setNotice] = useState(false);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);

  const saver = {
    busy,
    errors,
    setErrors,
    /** @returns {Promise<boolean>} whether the change was stored */
    async save(edits, summary, prefix) {
      setBusy(true);
      setNotice(false);
      setErrors({});
      const result = await save(edits, summary);
      setBusy(false);
      if (result.ok) {
        setNotice(true);
        return true;
      }
      if (result.status !== 401) setErrors(changeErrors(result, prefix, errorMessage));
      return false;
    },
    clear() {
      setNotice(false);
      setErrors({});
    },
  };

  return (
    <div class={`site-config ${test}`} data-test={test}>
      <p><Link href="/system" data-test="back-system">{t('siteCfg.back')}</Link></p>
      <ErrorLine message={loadError} test="config-load-error" />
      {notice ? <p class="notice" role="status" data-test="config-saved">{t('siteCfg.saved')}</p> : null}
      <ErrorLine message={errors._form} test="config-error" />
      {errors._form && errors._form.key === 'siteCfg.stale' ? (
        <button type="button" class="button secondary small" data-test="config-reload"
          onClick={() => { saver.clear(); reload(); }}>{t('siteCfg.reload')}</button>
      ) : null}
      {config ? children(config, saver) : (loadError ? null : <div class="loading" aria-busy="true" data-test="loading" />)}
    </div>
  );
}
