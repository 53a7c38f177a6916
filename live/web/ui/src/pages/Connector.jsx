// Connector (manual 7.12): Server settings, Upload settings (with "Send now") and the Log, on
// the routes of docs/api.md ("Connector"). Passwords and keys are write-only: the page shows
// only whether one is stored.
import { useEffect, useState } from 'preact/hooks';
import { CONNECTOR_MODES, formFromSettings, settingsPayload } from '../lib/connector-form.js';
import { errorMessage } from '../lib/errors.js';
import { useApp } from '../ui/context.js';
import { ErrorLine } from '../ui/Shell.jsx';

const LOG_REFRESH_MS = 3000;
const MODE_KEYS = { off: 'connector.mode.off', sftp: 'connector.mode.sftp', scp: 'connector.mode.scp' };

function TextField({ id, label, value, onInput, hint, type = 'text', disabled }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} data-test={id} type={type} autoComplete="off" value={value} disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined} onInput={(e) => onInput(e.currentTarget.value)} />
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
    </div>
  );
}

export function Connector() {
  const { t, api } = useApp();
  const [stored, setStored] = useState(null);
  const [form, setForm] = useState(null);
  const [log, setLog] = useState(null);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const [busy, setBusy] = useState(false);

  const loaded = (settings) => {
    setStored(settings);
    setForm(formFromSettings(settings));
  };
  const refreshLog = () => api.get('/connector/log').then((result) => {
    if (result.ok) setLog(result.data);
  });

  useEffect(() => {
    let live = true;
    api.get('/connector').then((result) => {
      if (!live) return;
      if (result.ok) loaded(result.data);
      else if (result.status !== 401) setError(errorMessage(result.error, result.status));
    });
    refreshLog();
    const timer = setInterval(refreshLog, LOG_REFRESH_MS);  // a transfer's end shows without a reload
    return () => { live = false; clearInterval(timer); };
  }, []);

  if (!form) {
    return error ? <ErrorLine message={error} test="connector-error" />
      : <div class="loading" aria-busy="true" data-test="loading" />;
  }
  const set = (field) => (value) => setForm((f) => ({ ...f, [field]: value }));

  const run = async (call, noticeKey) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    const result = await call();
    setBusy(false);
    if (!result.ok) {
      if (result.status !== 401) setError(errorMessage(result.error, result.status));
      return null;
    }
    setNotice(noticeKey);
    refreshLog();
    return result;
  };
  const save = async (event, options) => {
    if (event) event.preventDefault();
    const result = await run(() => api.put('/connector', settingsPayload(form, options)), 'connector.saved');
    if (result) loaded(result.data);
  };
  const sendNow = () => run(() => api.post('/connector/send'), 'connector.sendQueued');
  const forgetKey = async () => {
    const result = await run(() => api.post('/connector/host-key/forget'), 'connector.keyForgotten');
    if (result) loaded(result.data);
  };

  return (
    <div class="connector">
      {notice ? <p class="notice" role="status" data-test="connector-notice">{t(notice)}</p> : null}
      <ErrorLine message={error} test="connector-error" />
      <form onSubmit={save} noValidate aria-busy={busy ? 'true' : 'false'}>
        <fieldset>
          <legend>{t('connector.server')}</legend>
          <TextField id="connector-address" label={t('connector.address')} value={form.address}
            onInput={set('address')} disabled={busy} />
          <TextField id="connector-port" label={t('connector.port')} value={form.port} onInput={set('port')}
            hint={t('connector.portHint')} disabled={busy} />
          <TextField id="connector-username" label={t('connector.username')} value={form.username}
            onInput={set('username')} disabled={busy} />
          <TextField id="connector-password" type="password" label={t('connector.password')} value={form.password}
            onInput={set('password')} disabled={busy}
            hint={stored.password_set ? t('connector.secretKept') : t('connector.secretNone')} />
          <div class="field">
            <label for="connector-key">{t('connector.privateKey')}</label>
            <textarea id="connector-key" data-test="connector-key" rows={3} value={form.privateKey} disabled={busy}
              aria-describedby="connector-key-hint" onInput={(e) => set('privateKey')(e.currentTarget.value)} />
            <p class="hint" id="connector-key-hint" data-test="connector-key-state">
              {stored.private_key_set ? t('connector.secretKept') : t('connector.keyHint')}
            </p>
          </div>
          <div class="field">
            <label for="connector-mode">{t('connector.mode')}</label>
            <select id="connector-mode" data-test="connector-mode" value={form.mode} disabled={busy}
              onChange={(e) => set('mode')(e.currentTarget.value)}>
              {CONNECTOR_MODES.map((mode) => <option value={mode} key={mode}>{t(MODE_KEYS[mode])}</option>)}
            </select>
          </div>
          <p class="hint" data-test="connector-host-key">
            {stored.host_key
              ? t('connector.hostKey', { type: stored.host_key.type, fingerprint: stored.host_key.fingerprint })
              : t('connector.hostKeyNone')}
          </p>
          {stored.host_key ? (
            <button type="button" class="button secondary small" data-test="connector-forget-key" disabled={busy}
              onClick={forgetKey}>{t('connector.forgetKey')}</button>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>{t('connector.upload')}</legend>
          <TextField id="connector-folders" label={t('connector.sourceFolders')} value={form.sourceFolders}
            onInput={set('sourceFolders')} hint={t('connector.sourceFoldersHint')} disabled={busy} />
          <TextField id="connector-destination" label={t('connector.destination')} value={form.destination}
            onInput={set('destination')} hint={t('connector.destinationHint')} disabled={busy} />
          <TextField id="connector-day" label={t('connector.day')} value={form.day} onInput={set('day')}
            hint={t('connector.dayHint')} disabled={busy} />
          <TextField id="connector-hour" label={t('connector.hour')} value={form.hour} onInput={set('hour')}
            hint={t('connector.hourHint')} disabled={busy} />
        </fieldset>
        <div class="toolbar">
          <button type="submit" class="button primary" data-test="connector-save" disabled={busy}>
            {t('connector.save')}
          </button>
          <button type="button" class="button secondary" data-test="connector-send" disabled={busy}
            onClick={sendNow}>{t('connector.sendNow')}</button>
        </div>
      </form>
      <section aria-labelledby="connector-log-title">
        <h2 id="connector-log-title">{t('connector.log')}</h2>
        {log && log.lines.length ? (
          <table class="table" data-test="connector-log">
            <thead>
              <tr><th scope="col">{t('connector.logTime')}</th><th scope="col">{t('connector.logText')}</th></tr>
            </thead>
            <tbody>
              {log.lines.map((line, i) => (
                <tr key={`${line.at}-${i}`} data-test="connector-log-line">
                  <td>{line.local}</td>
                  <td>{line.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <p class="hint" data-test="connector-log-empty">{t('connector.logEmpty')}</p>}
      </section>
    </div>
  );
}
