// Consumptions: data & diagram (manual 8.2.2): Grand total, Overall, Partials, Compare,
// Details, Tariffs (Total, Details), each with the advanced view of 8.2.2.6 (Day / Month /
// Year / 10 years, a date, previous/next arrows, full screen, datalogger.csv). Every number is
// also in a table under its chart, from the API's stored values (docs/api.md, "Consumptions").
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { histogramOption, pieOption } from '../lib/chart-options.js';
import {
  CONSUMPTION_TABS, ENERGY_KEYS, PERIODS, answerPath, csvPath, dateForPeriod, dayOf, formatValue, partialChoices,
  periodKey, seriesLabel, shiftDate, tabKey,
} from '../lib/consumptions.js';
import { errorMessage } from '../lib/errors.js';
import { Chart, preloadChartLibrary } from '../ui/Chart.jsx';
import { useApp } from '../ui/context.js';
import { Link } from '../ui/router.jsx';
import { ErrorLine } from '../ui/Shell.jsx';
import { LiveDeviceValues } from './LiveDeviceValues.jsx';

const DATE_INPUT = { day: 'date', month: 'month', year: 'number', decade: 'number' };

function SubjectSelect({ value, onChange, choices, test, label, t }) {
  return (
    <label class="field inline">
      <span>{label}</span>
      <select value={value || ''} onChange={(e) => onChange(e.currentTarget.value)} data-test={test}>
        {choices.map((c) => (
          <option key={c.key} value={c.key} data-test={`${test}-${c.key}`}>{c.name || t(c.labelKey)}</option>
        ))}
      </select>
    </label>
  );
}

/** The bars of a histogram answer as a table: a row per bar, a column per series and the previous period. */
function BarsTable({ answer, t }) {
  const { divisor, unit } = answer.display;
  const decimals = answer.unit === 'Wh' || answer.unit === 'dm3' ? 3 : 2;
  const first = answer.series[0];
  return (
    <div class="table-scroll">
      <table class="table bars-table" data-test="bars-table" data-divisor={divisor} data-unit={unit}>
        <thead>
          <tr>
            <th scope="col">{t(periodKey(answer.period))}</th>
            {answer.series.map((s) => <th scope="col" key={s.key}>{seriesLabel(s, t)} ({unit})</th>)}
            {first ? <th scope="col">{t('consumptions.previous')} ({answer.previousDate})</th> : null}
          </tr>
        </thead>
        <tbody>
          {answer.labels.map((label, index) => (
            <tr key={answer.starts[index]} data-test={`bar-row-${index}`}>
              <th scope="row" data-test={`bar-label-${index}`}>{label}</th>
              {answer.series.map((s) => (
                <td key={s.key} data-test={`bar-${s.key}-${index}`} class={s.gaps.includes(index) ? 'gap' : ''}
                  data-gap={s.gaps.includes(index) ? 'true' : 'false'}>
                  {formatValue(s.values[index], divisor, decimals)}
                </td>
              ))}
              {first ? <td data-test={`previous-${index}`}>{formatValue(first.previousValues[index] ?? null, divisor, decimals)}</td> : null}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('consumptions.total')}</th>
            {answer.series.map((s) => <td key={s.key} data-test={`total-${s.key}`}>{formatValue(s.total, divisor, decimals)}</td>)}
            {first ? <td data-test="previous-total">{formatValue(first.previousTotal, divisor, decimals)}</td> : null}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function OverallView({ answer, t }) {
  const slices = answer.rows.filter((r) => r.key !== 'gas-wh').map((r) => ({ name: t(ENERGY_KEYS[r.medium]), value: r.cost }));
  return (
    <div>
      <Chart option={useMemo(() => pieOption(slices, answer.currency), [answer])} test="overall-pie" />
      <table class="table" data-test="overall-table">
        <thead>
          <tr>
            <th scope="col">{t('consumptions.energyLabel')}</th>
            <th scope="col">{t('consumptions.current')}</th>
            <th scope="col">{t('consumptions.previous')}</th>
            <th scope="col">{t('consumptions.cost')} ({answer.currency})</th>
          </tr>
        </thead>
        <tbody>
          {answer.rows.map((r) => (
            <tr key={r.key} data-test={`overall-${r.key}`}>
              <th scope="row">{seriesLabel(r, t)}</th>
              <td data-test={`overall-total-${r.key}`}>{formatValue(r.total, r.display.divisor)} {r.display.unit}</td>
              <td data-test={`overall-previous-${r.key}`}>{formatValue(r.previousTotal, r.display.divisor)} {r.display.unit}</td>
              <td data-test={`overall-cost-${r.key}`}>{r.billed ? formatValue(r.cost, 1, 2) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TariffsTotalView({ answer, t }) {
  const [hidden, setHidden] = useState(() => new Set());
  const shown = answer.tariffs.filter((tariff) => !hidden.has(tariff.position));
  const option = useMemo(() => pieOption(shown.map((s) => ({ name: s.name, value: s.total, colour: s.colour })), answer.currency),
    [answer, hidden]);
  return (
    <div>
      <fieldset class="tariff-choice">
        <legend>{t('consumptions.tariffsShown')}</legend>
        {answer.tariffs.map((tariff) => (
          <label key={tariff.position} class="check">
            <input type="checkbox" checked={!hidden.has(tariff.position)} data-test={`tariff-toggle-${tariff.position}`}
              onChange={() => setHidden((was) => {
                const next = new Set(was);
                if (next.has(tariff.position)) next.delete(tariff.position); else next.add(tariff.position);
                return next;
              })} />
            {tariff.name}
          </label>
        ))}
      </fieldset>
      <Chart option={option} test="tariffs-pie" />
      <table class="table" data-test="tariffs-table">
        <tbody>
          {shown.map((tariff) => (
            <tr key={tariff.position}>
              <th scope="row">{tariff.name}</th>
              <td data-test={`tariff-total-${tariff.position}`}>{formatValue(tariff.total, 1, 2)} {answer.currency}</td>
              <td>{formatValue(tariff.previousTotal, 1, 2)} {answer.currency}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HistogramView({ answer, tab, t }) {
  const label = (s) => seriesLabel(s, t);
  const stackFrom = tab === 'grand-total' && answer.series.length > 1 ? 1 : 0;
  const option = useMemo(() => histogramOption(answer, label, { stackFrom, previousLabel: t('consumptions.previous') }), [answer]);
  return (
    <div>
      <Chart option={option} test="histogram" />
      <BarsTable answer={answer} t={t} />
    </div>
  );
}

export function Consumptions({ tab = 'grand-total' }) {
  const { t, api, user } = useApp();
  const [site, setSite] = useState(null);
  const [error, setError] = useState(null);
  const [period, setPeriod] = useState('year');
  // The day the user is looking around (the latest stored one first): each period shows the one holding it.
  const [anchor, setAnchor] = useState(null);
  const date = anchor ? dateForPeriod(period, anchor) : null;
  // The subject chosen on each tab (Partials, Details and Tariffs details list different ones).
  const [choice, setChoice] = useState({ subjects: {}, first: null, second: null, energy: 'electricity' });
  const [answer, setAnswer] = useState(null);
  const view = useRef(null);

  useEffect(() => {
    preloadChartLibrary();
    api.get('/consumptions/site').then((result) => {
      if (!result.ok) { if (result.status !== 401) setError(errorMessage(result.error, result.status)); return; }
      setSite(result.data);
      const devices = result.data.devices;
      setChoice((c) => ({ ...c, first: devices[0]?.key ?? null, second: devices[1]?.key ?? devices[0]?.key ?? null }));
      const latest = result.data.latestDate || new Date().toISOString().slice(0, 10);
      setAnchor(latest);
    });
  }, []);

  const subject = choice.subjects[tab]
    || (tab === 'partials' ? 'groups' : tab === 'tariffs-details' ? 'total' : site?.devices[0]?.key);
  const query = { period, date, subject, first: choice.first, second: choice.second, energy: choice.energy };
  const path = site && date ? answerPath(tab, query) : null;

  useEffect(() => {
    if (!path) return undefined;
    let live = true;
    setAnswer(null);
    api.get(path).then((result) => {
      if (!live) return;
      if (result.ok) { setAnswer(result.data); setError(null); } else if (result.status !== 401) setError(errorMessage(result.error, result.status));
    });
    return () => { live = false; };
  }, [path]);

  const step = (steps) => setAnchor(dayOf(period === 'decade' ? 'year' : period, shiftDate(period, date, steps)));
  const chooseSubject = (value) => setChoice((c) => ({ ...c, subjects: { ...c.subjects, [tab]: value } }));
  const devices = site ? site.devices.map((d) => ({ key: d.key, name: d.name })) : [];
  const subjects = site ? [{ key: 'total', labelKey: 'consumptions.series.total' }, ...site.loads, ...site.groups, ...devices] : [];
  const csv = date ? csvPath(tab, query) : null;
  // Details shows the device's measured values too, as My panel board does, for who may see it.
  const liveDeviceId = (user?.pages || []).includes('my_panel_board') && /^device-\d+$/.test(subject || '')
    ? Number(subject.slice('device-'.length)) : null;

  return (
    <div class="consumptions" ref={view} data-test="consumptions">
      <nav class="tabs" aria-label={t('page.consumptions')}>
        {CONSUMPTION_TABS.map((name) => (
          <Link key={name} href={`/consumptions/${name}`} data-test={`cons-tab-${name}`}
            aria-current={name === tab ? 'page' : undefined}>{t(tabKey(name))}</Link>
        ))}
      </nav>
      <div class="toolbar period-bar">
        <div class="segmented" role="group" aria-label={t('consumptions.periodLabel')}>
          {PERIODS.map((p) => (
            <button key={p} type="button" class={p === period ? 'selected' : ''} aria-pressed={p === period}
              onClick={() => setPeriod(p)} data-test={`period-${p}`}>{t(periodKey(p))}</button>
          ))}
        </div>
        <button type="button" class="button secondary small" onClick={() => step(-1)}
          aria-label={t('consumptions.previousPeriod')} data-test="period-prev">‹</button>
        <input type={DATE_INPUT[period]} value={date || ''} aria-label={t('consumptions.date')} data-test="period-date"
          onChange={(e) => e.currentTarget.value && setAnchor(dayOf(period === 'decade' ? 'year' : period, e.currentTarget.value))} />
        <button type="button" class="button secondary small" onClick={() => step(1)}
          aria-label={t('consumptions.nextPeriod')} data-test="period-next">›</button>
        {csv ? <a class="button secondary small" href={csv} download="datalogger.csv" data-test="download-csv">{t('consumptions.download')}</a> : null}
        <button type="button" class="button secondary small" data-test="fullscreen"
          onClick={() => (document.fullscreenElement ? document.exitFullscreen() : view.current.requestFullscreen())}>
          {t('consumptions.fullScreen')}
        </button>
      </div>
      <div class="toolbar">
        {tab === 'partials' ? <SubjectSelect t={t} label={t('consumptions.subject')} test="partials-subject" value={subject}
          choices={partialChoices(site)} onChange={chooseSubject} /> : null}
        {tab === 'details' ? <SubjectSelect t={t} label={t('consumptions.device')} test="device-select" value={subject}
          choices={devices} onChange={chooseSubject} /> : null}
        {tab === 'tariffs-details' ? <SubjectSelect t={t} label={t('consumptions.subject')} test="subject-select" value={subject}
          choices={subjects} onChange={chooseSubject} /> : null}
        {tab === 'compare' ? (
          <>
            <SubjectSelect t={t} label={t('consumptions.first')} test="compare-first" value={choice.first} choices={devices}
              onChange={(v) => setChoice((c) => ({ ...c, first: v }))} />
            <SubjectSelect t={t} label={t('consumptions.second')} test="compare-second" value={choice.second} choices={devices}
              onChange={(v) => setChoice((c) => ({ ...c, second: v }))} />
          </>
        ) : null}
        {tab === 'tariffs-total' ? (
          <div class="segmented" role="group" aria-label={t('consumptions.energyLabel')}>
            {Object.keys(ENERGY_KEYS).map((e) => (
              <button key={e} type="button" class={e === choice.energy ? 'selected' : ''} aria-pressed={e === choice.energy}
                onClick={() => setChoice((c) => ({ ...c, energy: e }))} data-test={`energy-${e}`}>{t(ENERGY_KEYS[e])}</button>
            ))}
          </div>
        ) : null}
      </div>
      <ErrorLine message={error} test="consumptions-error" />
      {answer && answer.basis === 'currency' ? <p class="notice" data-test="compare-currency">{t('consumptions.currencyOnly')}</p> : null}
      {!answer && !error ? <div class="loading" aria-busy="true" data-test="loading" /> : null}
      {answer && tab === 'overall' ? <OverallView answer={answer} t={t} /> : null}
      {answer && tab === 'tariffs-total' ? <TariffsTotalView answer={answer} t={t} /> : null}
      {answer && answer.series ? <HistogramView answer={answer} tab={tab} t={t} /> : null}
      {tab === 'details' && liveDeviceId !== null ? <LiveDeviceValues id={liveDeviceId} /> : null}
    </div>
  );
}
