// Users (manual 8.1.2, 8.1.3): the list, with Add, Edit and Disable (a user is disabled,
// never erased). Only for the users who manage users (User.manager).
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors.js';
import { pageTitleKey } from '../lib/pages.js';
import { userEditPath } from '../lib/routes.js';
import { sortPages } from '../lib/users-form.js';
import { useApp } from '../ui/context.js';
import { Link } from '../ui/router.jsx';
import { ErrorLine } from '../ui/Shell.jsx';

export function Users() {
  const { t, api, takeFlash, refreshSession } = useApp();
  const [rows, setRows] = useState(null);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(() => takeFlash());
  const [busy, setBusy] = useState(null);

  useEffect(() => {
    let live = true;
    api.users().then((result) => {
      if (!live) return;
      if (result.ok) setRows(Array.isArray(result.data) ? result.data : []);
      else if (result.status !== 401) setError(errorMessage(result.error, result.status));
    });
    return () => { live = false; };
  }, []);

  const setEnabled = async (row, enabled) => {
    setBusy(row.name);
    setError(null);
    setNotice(null);
    const result = await api.updateUser(row.name, { enabled });
    setBusy(null);
    if (!result.ok) {
      if (result.status !== 401) setError(errorMessage(result.error, result.status));
      return;
    }
    setRows((all) => all.map((r) => (r.name === row.name ? { ...r, ...result.data } : r)));
    setNotice({ key: 'users.saved' });
    refreshSession();
  };

  return (
    <div class="users">
      <div class="toolbar">
        <Link href="/web-server/users/new" class="button primary" data-test="users-add">{t('users.add')}</Link>
      </div>
      {notice ? <p class="notice" role="status" data-test="users-notice">{t(notice.key, notice.params)}</p> : null}
      <ErrorLine message={error} test="users-error" />
      {rows === null && !error ? <div class="loading" aria-busy="true" data-test="loading" /> : null}
      {rows ? (
        <table class="table users-table" data-test="users-table">
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.pages')}</th>
              <th scope="col">{t('users.state')}</th>
              <th scope="col"><span class="visually-hidden">{t('users.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name} data-test={`user-row-${row.name}`} class={row.enabled ? '' : 'disabled'}>
                <th scope="row" data-label={t('users.name')}>
                  <span data-test={`user-row-name-${row.name}`}>{row.name}</span>
                  {row.usesDefaultCode ? (
                    <span class="badge warning" data-test={`user-default-code-${row.name}`}>{t('users.defaultCode')}</span>
                  ) : null}
                </th>
                <td data-label={t('users.pages')}>
                  {sortPages(row.pages).map((p) => t(pageTitleKey(p))).join(' · ')}
                </td>
                <td data-label={t('users.state')} data-test={`user-state-${row.name}`}>
                  {row.enabled ? t('users.enabled') : t('users.disabled')}
                </td>
                <td class="actions-cell">
                  <div class="row-actions">
                    <Link href={userEditPath(row.name)} class="button secondary small"
                      data-test={`user-edit-${row.name}`}>{t('users.edit')}</Link>
                    {row.enabled ? (
                      <button type="button" class="button secondary small" data-test={`user-disable-${row.name}`}
                        disabled={busy !== null} onClick={() => setEnabled(row, false)}>{t('users.disable')}</button>
                    ) : (
                      <button type="button" class="button secondary small" data-test={`user-enable-${row.name}`}
                        disabled={busy !== null} onClick={() => setEnabled(row, true)}>{t('users.enable')}</button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
