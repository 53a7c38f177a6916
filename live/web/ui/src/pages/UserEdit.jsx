// Add a user (manual 8.1.2) or edit one (8.1.3): name, PIN, PUK, pages, enabled, Save.
// Errors appear next to their field: the form's own checks, then the server's 422.
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors.js';
import { PAGE_IDS, pageTitleKey } from '../lib/pages.js';
import {
  emptyUserForm, formFromRow, serverErrors, togglePage, userPayload, validateUserForm,
} from '../lib/users-form.js';
import { FieldError } from '../ui/ConfigFields.jsx';
import { useApp } from '../ui/context.js';
import { Link, navigate } from '../ui/router.jsx';
import { ErrorLine } from '../ui/Shell.jsx';

function describedBy(field, errors, hint) {
  return [hint, errors[field] ? `error-${field}` : null].filter(Boolean).join(' ') || undefined;
}

/** @param {{mode: 'new' | 'edit', name?: string}} props */
export function UserEdit({ mode, name }) {
  const { t, api, setFlash, refreshSession } = useApp();
  const [original, setOriginal] = useState(null);
  const [form, setForm] = useState(mode === 'new' ? emptyUserForm() : null);
  const [errors, setErrors] = useState({});
  const [loadError, setLoadError] = useState(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (mode !== 'edit') return undefined;
    let live = true;
    // There is no GET of one user: the list has them all.
    api.users().then((result) => {
      if (!live) return;
      if (!result.ok) {
        if (result.status !== 401) setLoadError(errorMessage(result.error, result.status));
        return;
      }
      const wanted = String(name).toLowerCase();
      const row = (result.data || []).find((r) => String(r.name).toLowerCase() === wanted);
      if (!row) {
        setLoadError({ key: 'users.notFound', params: { name } });
        return;
      }
      setOriginal(row);
      setForm(formFromRow(row));
    });
    return () => { live = false; };
  }, [mode, name]);

  if (loadError) {
    return (
      <div>
        <ErrorLine message={loadError} test="form-error" />
        <p><Link href="/web-server/users" data-test="user-cancel">{t('common.back')}</Link></p>
      </div>
    );
  }
  if (!form) return <div class="loading" aria-busy="true" data-test="loading" />;

  const set = (field, value) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => {
      if (!e[field]) return e;
      const { [field]: _, ...rest } = e;
      return rest;
    });
  };

  const save = async (event) => {
    event.preventDefault();
    const found = validateUserForm(form, mode);
    if (Object.keys(found).length) {
      setErrors(found);
      return;
    }
    const body = userPayload(form, mode, original);
    if (body === null) {
      setErrors({ _form: { key: 'users.nothingChanged' } });
      return;
    }
    setBusy(true);
    setErrors({});
    const result = mode === 'new' ? await api.addUser(body) : await api.updateUser(original.name, body);
    setBusy(false);
    if (!result.ok) {
      if (result.status !== 401) setErrors(serverErrors(result));
      return;
    }
    setFlash({ key: 'users.saved' });
    refreshSession();
    navigate('/web-server/users');
  };

  const editing = mode === 'edit';
  return (
    <form class="user-form" onSubmit={save} noValidate aria-busy={busy ? 'true' : 'false'}>
      <div class="field">
        <label for="user-name">{t('users.name')}</label>
        <input id="user-name" data-test="user-name" type="text" autoComplete="off" maxLength={64}
          value={form.name} readOnly={editing} disabled={busy}
          onInput={(e) => set('name', e.currentTarget.value)}
          aria-invalid={errors.name ? 'true' : undefined}
          aria-describedby={describedBy('name', errors, editing ? 'user-name-hint' : null)} />
        {editing ? <p class="hint" id="user-name-hint">{t('users.noRename')}</p> : null}
        <FieldError field="name" errors={errors} />
      </div>

      <div class="field">
        <label for="user-pin">{t('users.pin')}</label>
        <input id="user-pin" data-test="user-pin" type="password" inputMode="numeric" autoComplete="new-password"
          maxLength={16} value={form.pin} disabled={busy}
          onInput={(e) => set('pin', e.currentTarget.value)}
          aria-invalid={errors.pin ? 'true' : undefined}
          aria-describedby={describedBy('pin', errors, 'user-pin-hint')} />
        <p class="hint" id="user-pin-hint">
          {t('users.pinHelp')}{editing ? ` ${t('users.keepCode')}` : ''}
        </p>
        <FieldError field="pin" errors={errors} />
      </div>

      <div class="field">
        <label for="user-puk">{t('users.puk')}</label>
        <input id="user-puk" data-test="user-puk" type="password" inputMode="numeric" autoComplete="new-password"
          maxLength={32} value={form.puk} disabled={busy}
          onInput={(e) => set('puk', e.currentTarget.value)}
          aria-invalid={errors.puk ? 'true' : undefined}
          aria-describedby={describedBy('puk', errors, 'user-puk-hint')} />
        <p class="hint" id="user-puk-hint">
          {t('users.pukHelp')}{editing ? ` ${t('users.keepCode')}` : ''}
        </p>
        <FieldError field="puk" errors={errors} />
      </div>

      <fieldset class="field pages" aria-describedby={errors.pages ? 'error-pages' : undefined}>
        <legend>{t('users.pages')}</legend>
        {PAGE_IDS.map((page) => (
          <label class="check" key={page}>
            <input type="checkbox" data-test={`user-page-${page}`} checked={form.pages.includes(page)}
              disabled={busy} onChange={(e) => {
                const on = e.currentTarget.checked;
                setForm((f) => togglePage(f, page, on));
                setErrors(({ pages: _, ...rest }) => rest);
              }} />
            <span>{t(pageTitleKey(page))}</span>
          </label>
        ))}
        <FieldError field="pages" errors={errors} />
      </fieldset>

      <div class="field">
        <label class="check">
          <input type="checkbox" data-test="user-enabled" checked={form.enabled} disabled={busy}
            onChange={(e) => set('enabled', e.currentTarget.checked)}
            aria-describedby={describedBy('enabled', errors, 'user-enabled-hint')} />
          <span>{t('users.enabled')}</span>
        </label>
        <p class="hint" id="user-enabled-hint">{t('users.enabledHelp')}</p>
        <FieldError field="enabled" errors={errors} />
      </div>

      <ErrorLine message={errors._form} test="form-error" />

      <div class="actions">
        <button type="submit" class="button primary" data-test="user-save" disabled={busy}>{t('users.save')}</button>
        <Link href="/web-server/users" class="button secondary" data-test="user-cancel">{t('common.cancel')}</Link>
      </div>
    </form>
  );
}
