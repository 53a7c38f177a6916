// Reports: alarms (manual 8.7): the site database's events, newest first: date and time (the
// site's local time), the device's name, its gateway and address, the alarm type; filtered by
// type and device, paged.
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors.js';
import { alarmsQuery, labelKey } from '../lib/live.js';
import { useApp } from '../ui/context.js';
import { ErrorLine } from '../ui/Shell.jsx';

const PAGE_SIZE = 50;

/** Date and time in the site's zone (the box's local time), the browser's if the name is unknown. */
function siteTimeFormat(lang, timeZone) {
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium', timeZone: timeZone || undefined });
  } catch {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' });
  }
}

export function Alarms() {
  const { t, api, lang } = useApp();
  const [query, setQuery] = useState({ page: 1, kind: '', device: '' });
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);

  useEffect(() => {
    let open = true;
    api.get(`/alarms?${alarmsQuery({ ...query, pageSize: PAGE_SIZE })}`).then((result) => {
      if (!open) return;
      if (result.ok) {
        setData(result.data);
        setError(null);
      } else {
        setError(errorMessage(result.error, result.status));
      }
    });
    return () => { open = false; };
  }, [query.page, query.kind, query.device]);

  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const when = siteTimeFormat(lang, data && data.timeZone);
  const kindText = (kind) => {
    const key = labelKey('alarmKind', kind);
    return key ? t(key) : kind;
  };
  return (
    <div class="alarms">
      <div class="filters">
        <div class="field">
          <label for="alarm-kind">{t('alarms.type')}</label>
          <select id="alarm-kind" data-test="alarm-kind" value={query.kind}
            onChange={(e) => setQuery({ ...query, kind: e.target.value, page: 1 })}>
            <option value="">{t('alarms.all')}</option>
            {(data ? data.kinds : []).map((k) => <option key={k} value={k}>{kindText(k)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="alarm-device">{t('alarms.deviceId')}</label>
          <input id="alarm-device" type="number" min="0" data-test="alarm-device" value={query.device}
            onChange={(e) => setQuery({ ...query, device: e.target.value, page: 1 })} />
        </div>
      </div>
      <ErrorLine message={error} test="alarms-error" />
      {data === null && !error ? <div class="loading" aria-busy="true" data-test="loading" /> : null}
      {data ? (
        <>
          <p data-test="alarms-total">{t('alarms.total', { total: data.total })}</p>
          {data.rows.length === 0 ? <p data-test="alarms-empty">{t('alarms.none')}</p> : (
            <table class="table alarms-table" data-test="alarms-table">
              <thead>
                <tr>
                  <th scope="col">{t('alarms.date')}</th>
                  <th scope="col">{t('alarms.device')}</th>
                  <th scope="col">{t('alarms.gatewayAddress')}</th>
                  <th scope="col">{t('alarms.type')}</th>
                  <th scope="col">{t('alarms.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row, i) => (
                  <tr key={`${row.at}-${i}`} data-test="alarm-row" data-kind={row.kind} data-device={row.deviceId}>
                    <td data-label={t('alarms.date')}>{when.format(new Date(row.at))}</td>
                    <td data-label={t('alarms.device')} data-test="alarm-device-name">{row.device || (row.deviceId ? `#${row.deviceId}` : t('alarms.site'))}</td>
                    <td data-label={t('alarms.gatewayAddress')}>{row.gateway ? `${row.gateway} · ${row.address}` : '—'}</td>
                    <td data-label={t('alarms.type')} data-test="alarm-type">{kindText(row.kind)}</td>
                    <td data-label={t('alarms.detail')}>{row.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div class="actions pager">
            <button type="button" class="button secondary small" data-test="alarms-previous" disabled={query.page <= 1}
              onClick={() => setQuery({ ...query, page: query.page - 1 })}>{t('alarms.previous')}</button>
            <span data-test="alarms-page">{t('alarms.pageOf', { page: query.page, pages })}</span>
            <button type="button" class="button secondary small" data-test="alarms-next" disabled={query.page >= pages}
              onClick={() => setQuery({ ...query, page: query.page + 1 })}>{t('alarms.next')}</button>
          </div>
        </>
      ) : null}
    </div>
  );
}
