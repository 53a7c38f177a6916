// E-mail settings (manual 8.6.1): the sender's address, account, password (write-only), SMTP
// server, port (465 by default) and encryption; Save; Test sends a sample to the sender and shows
// the server's answer (FAQ 11.3 in the hint); the log of what was sent.
import { useState } from 'preact/hooks';
import { portValue, withoutEmptySecrets } from '../lib/notify.js';
import { useApp } from '../ui/context.js';
import { BackLink, NotifyLog, SaveStatus, SecretField, TestButton, TextField, useSection } from './NotifyParts.jsx';

export function NotifyEmail() {
  const { t } = useApp();
  const [form, setForm, save, status] = useSection('email', (f) => ({
    ...withoutEmptySecrets(f, ['password']), smtp_port: portValue(f.smtp_port),
  }));
  const [logVersion, setLogVersion] = useState(0);
  if (!form) return <div class="loading" aria-busy="true" data-test="loading"><SaveStatus status={status} /></div>;
  const set = (name, value) => setForm({ ...form, [name]: value });
  return (
    <form class="notify-form" noValidate onSubmit={(e) => { e.preventDefault(); save(); }}>
      <TextField id="email-sender" label={t('notify.sender')} value={form.sender} onInput={(v) => set('sender', v)} />
      <TextField id="email-user" label={t('notify.user')} value={form.user} onInput={(v) => set('user', v)} />
      <SecretField id="email-password" label={t('notify.password')} form={form} name="password" set={set} />
      <TextField id="email-server" label={t('notify.smtpServer')} value={form.smtp_server}
        onInput={(v) => set('smtp_server', v)} />
      <TextField id="email-port" label={t('notify.smtpPort')} value={form.smtp_port ?? ''}
        onInput={(v) => set('smtp_port', v)} hint={t('notify.smtpPortHint')} />
      <div class="field">
        <label for="email-security">{t('notify.security')}</label>
        <select id="email-security" data-test="email-security" value={form.security}
          onChange={(e) => set('security', e.currentTarget.value)}>
          <option value="tls">{t('notify.securityTls')}</option>
          <option value="starttls">{'STARTTLS'}</option>
          <option value="none">{t('notify.securityNone')}</option>
        </select>
      </div>
      <p class="hint">{t('notify.emailTestHint')}</p>
      <div class="actions">
        <button type="submit" class="button primary" data-test="notify-save" disabled={status.busy}>{t('notify.save')}</button>
        <TestButton section="email" save={save} onDone={() => setLogVersion((v) => v + 1)} />
      </div>
      <SaveStatus status={status} />
      <NotifyLog kind="email" version={logVersion} />
      <BackLink />
    </form>
  );
}
