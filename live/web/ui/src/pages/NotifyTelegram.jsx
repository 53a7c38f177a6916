// Telegram (manual 8.6.2): the bot's name, token and password (write-only), the Bot API's
// address; the users who sent the password to the bot, each enabled or not; Save; Test sends a
// sample to the enabled ones (FAQ 11.2 in the hint); the log.
import { useState } from 'preact/hooks';
import { withoutEmptySecrets } from '../lib/notify.js';
import { useApp } from '../ui/context.js';
import { BackLink, NotifyLog, SaveStatus, SecretField, TestButton, TextField, useSection } from './NotifyParts.jsx';

export function NotifyTelegram() {
  const { t } = useApp();
  const [form, setForm, save, status] = useSection('telegram', (f) => withoutEmptySecrets(f, ['token', 'password']));
  const [logVersion, setLogVersion] = useState(0);
  if (!form) return <div class="loading" aria-busy="true" data-test="loading"><SaveStatus status={status} /></div>;
  const set = (name, value) => setForm({ ...form, [name]: value });
  const setEnabled = (chatId, enabled) => set('recipients',
    form.recipients.map((r) => (r.chat_id === chatId ? { ...r, enabled } : r)));
  return (
    <form class="notify-form" noValidate onSubmit={(e) => { e.preventDefault(); save(); }}>
      <TextField id="telegram-name" label={t('notify.botName')} value={form.bot_name} onInput={(v) => set('bot_name', v)} />
      <SecretField id="telegram-token" label={t('notify.token')} form={form} name="token" set={set} />
      <SecretField id="telegram-password" label={t('notify.botPassword')} form={form} name="password" set={set} />
      <p class="hint">{t('notify.botPasswordHint')}</p>
      <TextField id="telegram-api" label={t('notify.apiUrl')} value={form.api_url} onInput={(v) => set('api_url', v)} />
      <fieldset class="field">
        <legend>{t('notify.subscribers')}</legend>
        {form.recipients.length ? form.recipients.map((r) => (
          <label class="check" key={r.chat_id}>
            <input type="checkbox" data-test={`telegram-recipient-${r.chat_id}`} checked={r.enabled}
              onChange={(e) => setEnabled(r.chat_id, e.currentTarget.checked)} />
            <span>{r.name || r.chat_id} ({t('notify.chatId')} {r.chat_id})</span>
          </label>
        )) : <p class="hint" data-test="telegram-no-recipients">{t('notify.noSubscribers')}</p>}
      </fieldset>
      <p class="hint">{t('notify.telegramTestHint')}</p>
      <div class="actions">
        <button type="submit" class="button primary" data-test="notify-save" disabled={status.busy}>{t('notify.save')}</button>
        <TestButton section="telegram" save={save} onDone={() => setLogVersion((v) => v + 1)} />
      </div>
      <SaveStatus status={status} />
      <NotifyLog kind="telegram" version={logVersion} />
      <BackLink />
    </form>
  );
}
