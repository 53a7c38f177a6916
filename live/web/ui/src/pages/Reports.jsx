// Reports & data download (manual 8.5): Data download (8.5.1) makes reportdata.zip of the chosen
// devices, groups or loads between two dates at 15 min, 1 h or 1 day, with or without costs,
// showing its progress while the server streams it; Reports (8.5.2) makes the Summary or
// Detailed PDF of a month or a year. Both files are fetched, then offered under a Download
// link, as the manual's pop-up does.
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors.js';
import { attachmentName, devicesOfFilter, downloadQuery, monthStart, pdfQuery, progressPercent } from '../lib/reports.js';
import { API_BASE } from '../lib/api.js';
import { useApp } from '../ui/context.js';
import { ErrorLine } from '../ui/Shell.jsx';

const LISTS = { devices: 'reports.list.devices', groups: 'reports.list.groups', loads: 'reports.list.loads' };
const STEPS = { '15min': 'reports.step.quarter', '1h': 'reports.step.hour', '1d': 'reports.step.day' };
const TYPES = { summary: 'reportPdf.summaryTitle', detailed: 'reportPdf.detailedTitle' };
const PERIODS = { monthly: 'reports.monthly', yearly: 'reports.yearly' };
const MEDIA = { electricity: 'reportPdf.electricity', gas: 'reportPdf.gas', water: 'reportPdf.water' };

/** Fetches `url` as a file: {ok, blob, name} or {ok: false, error: {key, params}}; `onBytes` sees the bytes so far. */
async function fetchFile(url, fallbackName, onBytes) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch {
    return { ok: false, error: errorMessage({ code: 'network' }, 0) };
  }
  if (!response.ok) {
    let body = null;
    try { body = await response.json(); } catch { body = null; }
    return { ok: false, error: errorMessage(body && body.error, response.status) };
  }
  const reader = response.body.getReader();
  const parts = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.length;
    onBytes(bytes);
  }
  const blob = new Blob(parts, { type: response.headers.get('Content-Type') || 'application/octet-stream' });
  return { ok: true, blob, name: attachmentName(response.headers.get('Content-Disposition'), fallbackName) };
}

/** The selectable items of a list, highlighted when chosen, with Select all. */
function Selection({ items, chosen, setChosen, prefix }) {
  const { t } = useApp();
  const toggle = (id) => setChosen(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  return (
    <div class="report-selection">
      <div class="actions">
        <button type="button" class="button secondary small" data-test={`${prefix}-select-all`}
          onClick={() => setChosen(items.map((i) => i.id))}>{t('reports.selectAll')}</button>
        <button type="button" class="button secondary small" data-test={`${prefix}-select-none`}
          onClick={() => setChosen([])}>{t('reports.selectNone')}</button>
      </div>
      <ul class="report-items">
        {items.map((item) => (
          <li key={item.id}>
            <button type="button" class={`device-button report-item${chosen.includes(item.id) ? ' selected' : ''}`}
              aria-pressed={chosen.includes(item.id) ? 'true' : 'false'} data-test={`${prefix}-item-${item.id}`}
              onClick={() => toggle(item.id)}>
              <span class="device-address">{item.address !== undefined ? item.address : item.id}</span>
              <span class="device-name">{item.name}</span>
              <span class="device-functions">{item.station ? t('reports.station') : t(MEDIA[item.medium])}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A finished file: its Download link (an object URL, freed when replaced). */
function FileLink({ file, test }) {
  const { t } = useApp();
  const [url, setUrl] = useState(null);
  useEffect(() => {
    if (!file) return undefined;
    const made = URL.createObjectURL(file.blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [file]);
  if (!file || !url) return null;
  return (
    <p class="report-ready">
      {t('reports.ready', { name: file.name })}{' '}
      <a class="button small" href={url} download={file.name} data-test={test} data-name={file.name}>{t('reports.download')}</a>
    </p>
  );
}

function DataDownload({ site }) {
  const { t, api } = useApp();
  const [list, setList] = useState('devices');
  const [chosen, setChosen] = useState([]);
  const [first, setFirst] = useState(site.latestDate ? monthStart(site.latestDate) : '');
  const [last, setLast] = useState(site.latestDate || '');
  const [step, setStep] = useState('15min');
  const [costs, setCosts] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState(null);
  const [bytes, setBytes] = useState(0);
  const [file, setFile] = useState(null);
  const [error, setError] = useState(null);
  const poll = useRef(null);
  useEffect(() => () => clearInterval(poll.current), []);

  const items = site[list] || [];
  const start = async () => {
    if (chosen.length === 0) {
      setError({ key: 'reports.chooseOne' });
      return;
    }
    const token = `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    setBusy(true); setError(null); setFile(null); setProgress(null); setBytes(0);
    poll.current = setInterval(async () => {
      const answer = await api.get(`/reports/download/progress/${token}`);
      if (answer.ok) setProgress(answer.data);
    }, 500);
    const all = chosen.length === items.length;
    const result = await fetchFile(`${API_BASE}/reports/download?${downloadQuery({
      list, ids: all ? [] : chosen, first, last, step, costs, progress: token,
    })}`, 'reportdata.zip', setBytes);
    clearInterval(poll.current);
    setBusy(false);
    if (result.ok) {
      setProgress({ rowsDone: 1, rowsTotal: 1 });
      setFile(result);
    } else {
      setError(result.error);
    }
  };
  const percent = progressPercent(progress);
  return (
    <section class="report-section" data-test="data-download">
      <h2>{t('reports.dataTitle')}</h2>
      <div class="segmented" role="group" aria-label={t('reports.list')}>
        {Object.entries(LISTS).map(([l, key]) => (
          <button type="button" key={l} class={l === list ? 'selected' : ''} data-test={`list-${l}`}
            onClick={() => { setList(l); setChosen([]); setFile(null); }}>{t(key)}</button>
        ))}
      </div>
      <Selection items={items} chosen={chosen} setChosen={setChosen} prefix="data" />
      <div class="filters">
        <div class="field">
          <label for="data-first">{t('reports.first')}</label>
          <input id="data-first" type="date" data-test="data-first" value={first} onInput={(e) => setFirst(e.target.value)} />
        </div>
        <div class="field">
          <label for="data-last">{t('reports.last')}</label>
          <input id="data-last" type="date" data-test="data-last" value={last} onInput={(e) => setLast(e.target.value)} />
        </div>
        <div class="field">
          <label for="data-step">{t('reports.step')}</label>
          <select id="data-step" data-test="data-step" value={step} onChange={(e) => setStep(e.target.value)}>
            {Object.entries(STEPS).map(([s, key]) => <option key={s} value={s}>{t(key)}</option>)}
          </select>
        </div>
        <label class="field inline">
          <input type="checkbox" data-test="data-costs" checked={costs} onChange={(e) => setCosts(e.target.checked)} />
          {t('reports.costs')}
        </label>
      </div>
      <div class="actions">
        <button type="button" class="button" data-test="data-start" disabled={busy} onClick={start}>{t('reports.make')}</button>
      </div>
      {busy ? (
        <p class="report-progress" data-test="data-progress" aria-live="polite">
          <progress max="100" value={percent === null ? undefined : percent} />{' '}
          {t('reports.progress', { percent: percent === null ? 0 : percent, megabytes: (bytes / 1e6).toFixed(1) })}
        </p>
      ) : null}
      <ErrorLine message={error} test="data-error" />
      <FileLink file={file} test="data-file" />
    </section>
  );
}

function PdfReport({ site }) {
  const { t } = useApp();
  const [type, setType] = useState('summary');
  const [periodKind, setPeriodKind] = useState('monthly');
  const latest = site.latestDate || new Date().toISOString().slice(0, 10);
  const [month, setMonth] = useState(latest.slice(0, 7));
  const [year, setYear] = useState(latest.slice(0, 4));
  const [filter, setFilter] = useState('all');
  const [chosen, setChosen] = useState([]);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState(null);
  const [error, setError] = useState(null);
  const devices = devicesOfFilter(site.devices || [], filter);

  const start = async () => {
    if (type === 'detailed' && chosen.length === 0) {
      setError({ key: 'reports.chooseOne' });
      return;
    }
    setBusy(true); setError(null); setFile(null);
    const period = periodKind === 'monthly' ? month : year;
    const all = chosen.length === devices.length;
    const result = await fetchFile(`${API_BASE}/reports/pdf?${pdfQuery({ type, period, filter, devices: all ? [] : chosen })}`,
      'report.pdf', () => {});
    setBusy(false);
    if (result.ok) setFile(result); else setError(result.error);
  };
  return (
    <section class="report-section" data-test="pdf-report">
      <h2>{t('reports.pdfTitle')}</h2>
      <div class="segmented" role="group" aria-label={t('reports.type')}>
        {Object.entries(TYPES).map(([k, key]) => (
          <button type="button" key={k} class={k === type ? 'selected' : ''} data-test={`pdf-type-${k}`}
            onClick={() => { setType(k); setFile(null); }}>{t(key)}</button>
        ))}
      </div>
      {type === 'detailed' ? (
        <>
          <div class="field">
            <label for="pdf-filter">{t('reports.filter')}</label>
            <select id="pdf-filter" data-test="pdf-filter" value={filter}
              onChange={(e) => { setFilter(e.target.value); setChosen([]); }}>
              <option value="all">{t('reports.allDevices')}</option>
              {(site.groups || []).map((g) => <option key={`g${g.id}`} value={`group-${g.id}`}>{t('reports.groupNamed', { name: g.name })}</option>)}
              {(site.loads || []).map((l) => <option key={`l${l.id}`} value={`load-${l.id}`}>{t('reports.loadNamed', { name: l.name })}</option>)}
            </select>
          </div>
          <Selection items={devices} chosen={chosen} setChosen={setChosen} prefix="pdf" />
        </>
      ) : null}
      <div class="filters">
        <div class="segmented" role="group" aria-label={t('reports.period')}>
          {Object.entries(PERIODS).map(([k, key]) => (
            <button type="button" key={k} class={k === periodKind ? 'selected' : ''} data-test={`pdf-period-${k}`}
              onClick={() => setPeriodKind(k)}>{t(key)}</button>
          ))}
        </div>
        {periodKind === 'monthly' ? (
          <div class="field">
            <label for="pdf-month">{t('reports.month')}</label>
            <input id="pdf-month" type="month" data-test="pdf-month" value={month} onInput={(e) => setMonth(e.target.value)} />
          </div>
        ) : (
          <div class="field">
            <label for="pdf-year">{t('reports.year')}</label>
            <input id="pdf-year" type="number" min="1970" max="9999" data-test="pdf-year" value={year}
              onInput={(e) => setYear(e.target.value)} />
          </div>
        )}
      </div>
      <div class="actions">
        <button type="button" class="button" data-test="pdf-start" disabled={busy} onClick={start}>{t('reports.make')}</button>
      </div>
      {busy ? <div class="loading" aria-busy="true" data-test="pdf-busy" /> : null}
      <ErrorLine message={error} test="pdf-error" />
      <FileLink file={file} test="pdf-file" />
    </section>
  );
}

export function Reports() {
  const { t, api } = useApp();
  const [site, setSite] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let open = true;
    api.get('/reports/site').then((result) => {
      if (!open) return;
      if (result.ok) setSite(result.data); else setError(errorMessage(result.error, result.status));
    });
    return () => { open = false; };
  }, []);
  return (
    <div class="reports">
      <ErrorLine message={error} test="reports-error" />
      {site === null && !error ? <div class="loading" aria-busy="true" data-test="loading" /> : null}
      {site ? (
        <>
          <DataDownload site={site} />
          <PdfReport site={site} />
        </>
      ) : null}
    </div>
  );
}
