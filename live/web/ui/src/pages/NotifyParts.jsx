// What the four "Email and notification" pages share: loading and saving a settings section,
// the server's refusal next to the Save button, the Test button with the server's answer, and
// the page's log (the events its deliveries wrote, newest first, in the site's time).
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors.js';
import { useApp } from '../ui/context.js';
import { Link } from '../ui/router.jsx';
import { ErrorLine } from '../ui/Shell.jsx';

/** A refused save: "field: reason" when the server names the field. */
function refusal(result) {
  if (result.error && result.error.code === 'invalid') {
    const message = result.error.field ? `${result.error.field}: ${result.error.message}` : result.error.message;
    return { key: 'error.invalid', params: { message } };
  }
  return errorMessage(result.error, result.status);
}

/**
 * The section's settings as a form: [form, setForm, save, status]. `toBody` turns the form into
 * the PUT body; the answer (the masked settings) becomes the form again.
 */
export function useSection(section, toBody = (form) => form) {
  const { api } = useApp();
  const [form, setForm] = useState(null);
  const [status, setStatus] = useState({ busy: false, error: null, saved: false });
  useEffect(() => {
    let open = true;
    api.get(`/notify/${section}`).then((result) => {
      if (!open) return;
      if (result.ok) setForm(result.data);
      else setStatus({ busy: false, error: errorMessage(result.error, result.status), saved: false });
    });
    return () => { open = false; };
  }, [section]);
  const save = async () => {
    setStatus({ busy: true, error: null, saved: false });
    const result = await api.put(`/notify/${section}`, toBody(form));
    if (result.ok) setForm(result.data);
    setStatus({ busy: false, error: result.ok ? null : refusal(result), saved: result.ok });
    return result.ok;
  };
  return [form, setForm, save, status];
}

export function SaveStatus({ status }) {
  const { t } = useApp();
  if (status.error) return <ErrorLine message={status.error} test="notify-error" />;
  if (status.saved) return <p class="notice" role="status" data-test="notify-saved">{t('notify.saved')}</p>;
  return null;
}

/** Test: saves first (the test uses the stored settings), then shows the server's answer. */
export function TestButton({ section, save, onDone }) {
  const { t, api } = useApp();
  const [state, setState] = useState(null);
  const run = async () => {
    setState({ busy: true });
    if (!(await save())) {
      setState(null);
      return;
    }
    const result = await api.post(`/notify/${section}/test`);
    setState({ busy: false, result });
    if (onDone) onDone();
  };
  const answer = state && state.result;
  return (
    <>
      <button type="button" class="button secondary" data-test="notify-test" disabled={state && state.busy} onClick={run}>
        {state && state.busy ? t('notify.testing') : t('notify.test')}
      </button>
      {answer ? (
        <p class={answer.ok && answer.data.ok ? 'notice' : 'error'} role="status" data-test="notify-test-answer">
          {answer.ok
            ? t(answer.data.ok ? 'notify.testSent' : 'notify.testFailed', { answer: answer.data.answer })
            : t(errorMessage(answer.error, answer.status).key, errorMessage(answer.error, answer.status).params)}
        </p>
      ) : null}
    </>
  );
}

function timeFormat(lang, timeZone) {
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium', timeZone: timeZone || undefined });
  } catch {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' });
  }
}

/** The log of `kind` (email, telegram, report, alert); `version` changes to read it again. */
export function NotifyLog({ kind, version = 0 }) {
  const { t, api, lang, session } = useApp();
  const [rows, setRows] = useState(null);
  useEffect(() => {
    let open = true;
    api.get(`/notify/log/${kind}`).then((result) => { if (open && result.ok) setRows(result.data); });
    return () => { open = false; };
  }, [kind, version]);
  const when = timeFormat(lang, session.site && session.site.timeZone);
  return (
    <section class="notify-log">
      <h2>{t('notify.log')}</h2>
      {rows && rows.length ? (
        <table class="table" data-test="notify-log">
          <thead><tr><th>{t('notify.logAt')}</th><th>{t('notify.logDetail')}</th></tr></thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} data-test="notify-log-row">
                <td>{when.format(new Date(row.at))}</td>
                <td>{row.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p class="hint" data-test="notify-log-empty">{rows ? t('notify.logEmpty') : ''}</p>}
    </section>
  );
}

export function BackLink() {
  const { t } = useApp();
  return <p><Link href="/web-server/notifications" data-test="notify-back">{t('common.back')}</Link></p>;
}

/** A secret's field: never shown; says whether one is stored; empty keeps it. */
export function SecretField({ id, label, form, name, set }) {
  const { t } = useApp();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} data-test={id} type="password" autoComplete="new-password" value={form[name] || ''}
        onInput={(e) => set(name, e.currentTarget.value)} aria-describedby={`${id}-hint`} />
      <p class="hint" id={`${id}-hint`} data-test={`${id}-state`}>
        {form[`${name}_set`] ? t('notify.secretSet') : t('notify.secretUnset')}
      </p>
    </div>
  );
}

export function TextField({ id, label, value, onInput, hint, type = 'text' }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} data-test={id} type={type} value={value ?? ''} onInput={(e) => onInput(e.currentTarget.value)}
        aria-describedby={hint ? `${id}-hint` : undefined} />
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
    </div>
  );
}
