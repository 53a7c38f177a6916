// Backup and Restore (manual 9; docs/backup.md). Backup makes database.zip in the data folder
// (also reachable by FTP, 8.4.2) and offers it for download. Restore uploads a database.zip: the
// server checks it completely while the site runs; a bad one is refused with what is wrong and
// nothing changes; a good one is swapped in and the box restarts on it (every session ends), so
// the page waits for the server and then sends the user to the login page.
import { useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors.js';
import { useApp } from '../ui/context.js';
import { ErrorLine } from '../ui/Shell.jsx';

/** How long the page waits for the restarted server, and how often it asks. */
const RESTART_WAIT_MS = 120000;
const RESTART_POLL_MS = 1000;

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

export function Backup() {
  const { t, api, setFlash, refreshSession } = useApp();
  const [made, setMade] = useState(null);
  const [file, setFile] = useState(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState(null);
  const [refusal, setRefusal] = useState(null);
  const [phase, setPhase] = useState('idle');  // idle | backup | upload | restarting

  const backup = async () => {
    setPhase('backup');
    setError(null);
    const result = await api.post('/backup');
    setPhase('idle');
    if (result.ok) setMade(result.data);
    else if (result.status !== 401) setError(errorMessage(result.error, result.status));
  };

  const restore = async () => {
    if (!file) return;
    if (!confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    setPhase('upload');
    setError(null);
    setRefusal(null);
    const result = await api.upload('/restore', file, 'application/zip');
    if (!result.ok) {
      setPhase('idle');
      if (result.status === 422) setRefusal(result.error.message);
      else if (result.status !== 401) setError(errorMessage(result.error, result.status));
      return;
    }
    // The server stops, restores and starts again: wait until it answers, then log in again.
    setPhase('restarting');
    await sleep(RESTART_POLL_MS);
    for (let waited = 0; waited < RESTART_WAIT_MS; waited += RESTART_POLL_MS) {
      const session = await api.session();
      // The restarted server knows no session: the old one, still stopping, would.
      if (session.ok && session.data && !session.data.authenticated) {
        setFlash({ key: 'wsConfig.backup.restored' });
        refreshSession();
        return;
      }
      await sleep(RESTART_POLL_MS);
    }
    setPhase('idle');
    setError({ key: 'wsConfig.backup.noRestart' });
  };

  const busy = phase !== 'idle';
  return (
    <div class="backup-restore">
      <section aria-labelledby="backup-title">
        <h2 id="backup-title">{t('wsConfig.backup.backupTitle')}</h2>
        <p class="hint">{t('wsConfig.backup.backupIntro')}</p>
        <button type="button" class="button primary" disabled={busy} onClick={backup} data-test="backup-make">
          {t('wsConfig.backup.make')}
        </button>
        {made ? (
          <p class="notice" role="status" data-test="backup-made">
            {t('wsConfig.backup.made', { bytes: made.archive_bytes, at: made.created_at, files: made.csv_files })}
            {' '}
            <a href="/api/v1/backup/database.zip" download="database.zip" data-test="backup-download">
              {t('wsConfig.backup.download')}
            </a>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="restore-title">
        <h2 id="restore-title">{t('wsConfig.backup.restoreTitle')}</h2>
        <p class="hint">{t('wsConfig.backup.restoreIntro')}</p>
        <div class="field">
          <label for="restore-file">{t('wsConfig.backup.file')}</label>
          <input id="restore-file" type="file" accept=".zip,application/zip" disabled={busy} data-test="restore-file"
            onChange={(e) => { setFile(e.currentTarget.files[0] || null); setConfirming(false); setRefusal(null); }} />
        </div>
        {refusal ? (
          <p class="error" role="alert" data-test="restore-refused">{t('wsConfig.backup.refused', { reason: refusal })}</p>
        ) : null}
        {confirming ? <p class="warning" role="status" data-test="restore-confirm-hint">{t('wsConfig.backup.confirmHint')}</p> : null}
        {phase === 'restarting' ? (
          <p class="notice" role="status" aria-busy="true" data-test="restore-restarting">{t('wsConfig.backup.restarting')}</p>
        ) : null}
        <button type="button" class="button primary" disabled={busy || !file} onClick={restore} data-test="restore-start">
          {confirming ? t('wsConfig.confirm') : t('wsConfig.backup.restore')}
        </button>
      </section>
      <ErrorLine message={error} test="backup-error" />
    </div>
  );
}
