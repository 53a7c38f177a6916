// One Web Server settings page (manual 7.7-7.9, 7.11.1, 8.4.1): the fields of
// src/lib/settings-pages.js, loaded from the API, saved with the manual's two clicks (Save,
// then Confirm). A refused value is shown next to its field with the server's reason; nothing
// is stored then.
import languageNames from 'ews:language-names';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors.js';
import { fieldOfError, formFromSettings, settingsPage, settingsPayload } from '../lib/settings-pages.js';
import { useApp } from '../ui/context.js';
import { Link } from '../ui/router.jsx';
import { ErrorLine } from '../ui/Shell.jsx';

function optionsOf(field, languages) {
  if (field.options === 'languages') return languages.map((id) => ({ value: id, text: languageNames[id] || id }));
  return field.options.map((o) => ({ value: o.value, labelKey: o.labelKey }));
}

function Field({ field, value, error, disabled, onChange }) {
  const { t, languages } = useApp();
  const id = `setting-${field.field}`;
  const described = [field.hintKey ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  const common = {
    id, disabled: disabled || field.readOnly, readOnly: field.readOnly,
    'aria-invalid': error ? 'true' : undefined, 'aria-describedby': described || undefined,
  };
  let control;
  if (field.type === 'checkbox') {
    control = <input type="checkbox" {...common} data-test={id} checked={value} onChange={(e) => onChange(e.currentTarget.checked)} />;
  } else if (field.type === 'select') {
    control = (
      <select {...common} data-test={id} value={String(value)} onChange={(e) => onChange(e.currentTarget.value)}>
        {optionsOf(field, languages).map((o) => (
          <option key={o.value} value={String(o.value)} data-test={`${id}-${o.value}`}>
            {o.labelKey ? t(o.labelKey) : (o.text ?? String(o.value))}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input {...common} data-test={id} type={field.type === 'password' ? 'password' : field.type === 'number' ? 'number' : 'text'}
        autoComplete={field.type === 'password' ? 'new-password' : 'off'} value={value}
        onInput={(e) => onChange(e.currentTarget.value)} />
    );
  }
  return (
    <div class={field.type === 'checkbox' ? 'field check-field' : 'field'}>
      <label for={id} class={field.type === 'checkbox' ? 'check' : undefined}>{t(field.labelKey)}</label>
      {control}
      {field.hintKey ? <p class="hint" id={`${id}-hint`}>{t(field.hintKey)}</p> : null}
      {error ? <p class="field-error" id={`${id}-error`} role="alert" data-test={`${id}-error`}>{error}</p> : null}
    </div>
  );
}

/** @param {{id: string}} props the page's id in SETTINGS_PAGES */
export function Settings({ id }) {
  const { t, api } = useApp();
  const page = settingsPage(id);
  const [loaded, setLoaded] = useState(null);
  const [form, setForm] = useState(null);
  const [errors, setErrors] = useState({});
  const [loadError, setLoadError] = useState(null);
  const [notice, setNotice] = useState(null);
  const [confirming, setConfirming] = useState(null);
  const [busy, setBusy] = useState(false);

  const show = (data) => {
    setLoaded(data);
    setForm(formFromSettings(page, data));
  };

  useEffect(() => {
    let live = true;
    api.get(page.api).then((result) => {
      if (!live) return;
      if (result.ok) show(result.data || {});
      else if (result.status !== 401) setLoadError(errorMessage(result.error, result.status));
    });
    return () => { live = false; };
  }, [id]);

  if (loadError) return <ErrorLine message={loadError} test="settings-load-error" />;
  if (!form) return <div class="loading" aria-busy="true" data-test="loading" />;

  const set = (field, value) => {
    setForm((f) => ({ ...f, [field]: value }));
    setConfirming(null);
    setNotice(null);
    setErrors((e) => {
      const { [field]: _, _form, ...rest } = e;
      return rest;
    });
  };

  const save = async (event) => {
    event.preventDefault();
    const body = settingsPayload(page, form, loaded);
    if (body === null) {
      setNotice({ key: 'wsConfig.nothingChanged' });
      return;
    }
    if (!confirming) {
      setConfirming(body);  // the manual's second click
      return;
    }
    setBusy(true);
    setErrors({});
    const result = await api.put(page.api, confirming);
    setBusy(false);
    setConfirming(null);
    if (!result.ok) {
      if (result.status === 401) return;
      const where = result.status === 422 ? fieldOfError(page, result.error) : '_form';
      const text = result.status === 422 ? result.error.message : t(errorMessage(result.error, result.status).key,
        errorMessage(result.error, result.status).params);
      setErrors({ [where]: text });
      return;
    }
    show(result.data || {});
    setNotice({ key: 'wsConfig.saved' });
  };

  return (
    <form class="settings-form" onSubmit={save} noValidate aria-busy={busy ? 'true' : 'false'} data-test={`settings-${id}`}>
      <p class="hint">{t(page.introKey)}</p>
      {page.fields.map((f) => (
        <Field key={f.field} field={f} value={form[f.field]} error={errors[f.field]} disabled={busy}
          onChange={(v) => set(f.field, v)} />
      ))}
      {errors._form ? <p class="error" role="alert" data-test="settings-error">{errors._form}</p> : null}
      {notice ? <p class="notice" role="status" data-test="settings-notice">{t(notice.key)}</p> : null}
      {confirming ? <p class="warning" role="status" data-test="settings-confirm-hint">{t('wsConfig.confirmHint')}</p> : null}
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy} data-test="settings-save">
          {confirming ? t('wsConfig.confirm') : t('wsConfig.save')}
        </button>
        <Link href="/web-server" class="button secondary" data-test="settings-back">{t('common.back')}</Link>
      </div>
    </form>
  );
}
