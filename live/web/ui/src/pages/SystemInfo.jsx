// System information (manual 8.8): software version, last restart, CPU, database size and free
// space, the box's own daily backup, the database health, and "Optimize".
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors.js';
import { useApp } from '../ui/context.js';
import { ErrorLine } from '../ui/Shell.jsx';

function mebibytes(bytes) {
  return (Number(bytes) / (1024 * 1024)).toFixed(1);
}

function Row({ labelKey, test, children }) {
  const { t } = useApp();
  return (
    <div class="info-row">
      <dt>{t(labelKey)}</dt>
      <dd data-test={test}>{children}</dd>
    </div>
  );
}

export function SystemInfo() {
  const { t, api } = useApp();
  const [info, setInfo] = useState(null);
  const [error, setError] = useState(null);
  const [report, setReport] = useState(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    const result = await api.get('/system/info');
    if (result.ok) setInfo(result.data);
    else if (result.status !== 401) setError(errorMessage(result.error, result.status));
  };
  useEffect(() => { load(); }, []);

  const optimize = async () => {
    setBusy(true);
    setError(null);
    const result = await api.post('/system/optimize');
    setBusy(false);
    if (!result.ok) {
      if (result.status !== 401) setError(errorMessage(result.error, result.status));
      return;
    }
    setReport(result.data);
    load();
  };

  if (!info) return error ? <ErrorLine message={error} test="system-error" /> : <div class="loading" aria-busy="true" data-test="loading" />;
  const health = info.health || {};
  const backup = info.automatic_backup || {};
  return (
    <div class="system-info">
      <dl class="info-list">
        <Row labelKey="wsConfig.system.version" test="system-version">{info.software_version}</Row>
        <Row labelKey="wsConfig.system.lastRestart" test="system-last-restart">{info.last_restart || t('wsConfig.system.never')}</Row>
        <Row labelKey="wsConfig.system.cpu" test="system-cpu">
          {info.process_cpu_percent !== undefined ? t('wsConfig.system.percent', { value: info.process_cpu_percent }) : '-'}
          {info.process_cpu_percent > 80 ? <span class="badge warning">{t('wsConfig.system.cpuHigh')}</span> : null}
        </Row>
        <Row labelKey="wsConfig.system.databaseSize" test="system-database-size">
          {t('wsConfig.system.mebibytes', { value: mebibytes(info.database_bytes) })}
        </Row>
        <Row labelKey="wsConfig.system.freeSpace" test="system-free-space">
          {t('wsConfig.system.freeOf', { free: mebibytes(info.free_bytes), total: mebibytes(info.filesystem_bytes) })}
        </Row>
        <Row labelKey="wsConfig.system.autoBackup" test="system-auto-backup">
          {backup.status === 'never' ? t('wsConfig.system.never')
            : `${backup.at} ${backup.status === 'ok' ? t('wsConfig.system.ok') : t('wsConfig.system.backupError')}`}
        </Row>
        <Row labelKey="wsConfig.system.health" test="system-health">
          {health.optimize_advised ? t('wsConfig.system.optimizeAdvised', { advice: health.advice }) : t('wsConfig.system.good')}
        </Row>
        <Row labelKey="wsConfig.system.freePages" test="system-free-pages">
          {t('wsConfig.system.freePagesValue', { free: health.free_pages, pages: health.pages, percent: health.free_percent })}
        </Row>
        <Row labelKey="wsConfig.system.lastOptimize" test="system-last-optimize">{health.last_optimize || t('wsConfig.system.never')}</Row>
      </dl>
      <ErrorLine message={error} test="system-error" />
      {report ? (
        <p class="notice" role="status" data-test="system-optimized">
          {t('wsConfig.system.optimized', { before: report.before.free_pages, after: report.after.free_pages })}
          {report.note ? ` ${report.note}` : ''}
        </p>
      ) : null}
      <button type="button" class="button primary" disabled={busy} onClick={optimize} data-test="system-optimize">
        {t('wsConfig.system.optimize')}
      </button>
    </div>
  );
}
