// The logout confirmation (manual 8.1.4): Logout closes the session (next login: the PIN);
// Lock also forgets this browser (next login: the PIN and the PUK).
import { useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors.js';
import { useApp } from '../ui/context.js';
import { navigate } from '../ui/router.jsx';
import { ErrorLine } from '../ui/Shell.jsx';

export function Logout() {
  const { t, api, loggedOut } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);

  const leave = async (mode) => {
    setBusy(true);
    setError(null);
    const result = await api.logout(mode);
    // 401: the session had already ended; the exit happened all the same.
    if (result.ok || result.status === 401) {
      await loggedOut(mode);
      return;
    }
    setBusy(false);
    setError(errorMessage(result.error, result.status));
  };

  const cancel = () => {
    if (window.history.length > 1) window.history.back();
    else navigate('/');
  };

  return (
    <div class="logout">
      <p>{t('logout.question')}</p>
      <ul class="notes">
        <li>{t('logout.logoutNote')}</li>
        <li>{t('logout.lockNote')}</li>
      </ul>
      <ErrorLine message={error} test="logout-error" />
      <div class="actions">
        <button type="button" class="button primary" data-test="logout-confirm" disabled={busy}
          onClick={() => leave('logout')}>{t('logout.logout')}</button>
        <button type="button" class="button primary" data-test="lock-confirm" disabled={busy}
          onClick={() => leave('lock')}>{t('logout.lock')}</button>
        <button type="button" class="button secondary" data-test="logout-cancel" disabled={busy}
          onClick={cancel}>{t('common.cancel')}</button>
      </div>
    </div>
  );
}
