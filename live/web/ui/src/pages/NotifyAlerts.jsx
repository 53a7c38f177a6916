// Alert settings (manual 8.6.4): the events of EMS CX3, DPX3 and DMX3 devices that send an alert,
// "Send email to" (recipients, subject) and "Send Telegram"; Save; the log of the alerts sent.
import { ALERT_EVENTS, recipientsList, recipientsText } from '../lib/notify.js';
import { useApp } from '../ui/context.js';
import { BackLink, NotifyLog, SaveStatus, TextField, useSection } from './NotifyParts.jsx';

export function NotifyAlerts() {
  const { t } = useApp();
  const [form, setForm, save, status] = useSection('alerts', (f) => {
    const { recipients_text: text, ...rest } = f;
    return { ...rest, email_recipients: recipientsList(text ?? recipientsText(f.email_recipients)) };
  });
  if (!form) return <div class="loading" aria-busy="true" data-test="loading"><SaveStatus status={status} /></div>;
  const set = (name, value) => setForm({ ...form, [name]: value });
  const text = form.recipients_text ?? recipientsText(form.email_recipients);
  return (
    <form class="notify-form" noValidate onSubmit={(e) => { e.preventDefault(); save(); }}>
      <fieldset class="field">
        <legend>{t('notify.alertEvents')}</legend>
        {ALERT_EVENTS.map((event) => (
          <label class="check" key={event}>
            <input type="checkbox" data-test={`alert-${event}`} checked={form.events[event]}
              onChange={(e) => set('events', { ...form.events, [event]: e.currentTarget.checked })} />
            <span>{t(`notify.${event}`)}</span>
          </label>
        ))}
      </fieldset>
      <label class="check">
        <input type="checkbox" data-test="alert-send-email" checked={form.send_email}
          onChange={(e) => set('send_email', e.currentTarget.checked)} />
        <span>{t('notify.sendEmail')}</span>
      </label>
      <TextField id="alert-recipients" label={t('notify.recipients')} value={text}
        onInput={(v) => set('recipients_text', v)} hint={t('notify.recipientsHint')} />
      <TextField id="alert-subject" label={t('notify.subject')} value={form.email_subject}
        onInput={(v) => set('email_subject', v)} />
      <label class="check">
        <input type="checkbox" data-test="alert-send-telegram" checked={form.send_telegram}
          onChange={(e) => set('send_telegram', e.currentTarget.checked)} />
        <span>{t('notify.sendTelegram')}</span>
      </label>
      <p class="hint">{t('notify.alertsHint')}</p>
      <div class="actions">
        <button type="submit" class="button primary" data-test="notify-save" disabled={status.busy}>{t('notify.save')}</button>
      </div>
      <SaveStatus status={status} />
      <NotifyLog kind="alert" />
      <BackLink />
    </form>
  );
}
