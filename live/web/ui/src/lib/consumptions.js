// The consumption pages' logic (manual 8.2.2, docs/api.md "Consumptions"), without Preact: the
// tabs, the period shown and its neighbours, the API paths, and how a stored value is shown
// (scaled to the answer's display unit; a gap or a period without data is never a zero).

/** Tabs in the manual's order; `path` under /consumptions. */
export const CONSUMPTION_TABS = Object.freeze([
  'grand-total', 'overall', 'partials', 'compare', 'details', 'tariffs-total', 'tariffs-details',
]);

export const PERIODS = Object.freeze(['day', 'month', 'year', 'decade']);

const TAB_KEYS = {
  'grand-total': 'consumptions.tab.grandTotal', 'overall': 'consumptions.tab.overall',
  'partials': 'consumptions.tab.partials', 'compare': 'consumptions.tab.compare',
  'details': 'consumptions.tab.details', 'tariffs-total': 'consumptions.tab.tariffsTotal',
  'tariffs-details': 'consumptions.tab.tariffsDetails',
};
const PERIOD_KEYS = {
  day: 'consumptions.period.day', month: 'consumptions.period.month',
  year: 'consumptions.period.year', decade: 'consumptions.period.decade',
};
const SERIES_KEYS = {
  'total': 'consumptions.series.total', 'water': 'consumptions.series.water',
  'gas': 'consumptions.series.gas', 'gas-wh': 'consumptions.series.gasWh',
};
export const ENERGY_KEYS = Object.freeze({
  electricity: 'consumptions.energy.electricity', water: 'consumptions.energy.water', gas: 'consumptions.energy.gas',
});

/** The catalogue key of a tab's and a period's label. */
export const tabKey = (tab) => TAB_KEYS[tab];
export const periodKey = (period) => PERIOD_KEYS[period];

/** The date text a period is named by, from a "YYYY-MM-DD" day. */
export function dateForPeriod(period, day) {
  if (period === 'day') return day.slice(0, 10);
  if (period === 'month') return day.slice(0, 7);
  if (period === 'decade') return `${day.slice(0, 3)}0`;
  return day.slice(0, 4);
}

/** A "YYYY-MM-DD" day inside a period's date (its first). */
export function dayOf(period, date) {
  if (period === 'day') return date;
  if (period === 'month') return `${date}-01`;
  return `${date}-01-01`;
}

function pad(n, width = 2) {
  return String(n).padStart(width, '0');
}

/** The period `steps` periods away (negative: earlier): yesterday, next month, ... */
export function shiftDate(period, date, steps) {
  const [y, m, d] = dayOf(period, date).split('-').map(Number);
  if (period === 'day') {
    const utc = new Date(Date.UTC(y, m - 1, d + steps));
    return `${utc.getUTCFullYear()}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}`;
  }
  if (period === 'month') {
    const index = y * 12 + (m - 1) + steps;
    return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
  }
  return String(y + steps * (period === 'decade' ? 10 : 1));
}

/** The API path of a tab's answer; null when a needed choice is missing. */
export function answerPath(tab, { period, date, subject, first, second, energy }) {
  const tail = `${period}/${date}`;
  switch (tab) {
    case 'grand-total': return `/consumptions/grand-total/${tail}`;
    case 'overall': return `/consumptions/overall/${tail}`;
    case 'partials': return subject ? `/consumptions/partials/${subject}/${tail}` : null;
    case 'compare': return first && second ? `/consumptions/compare/${first}/${second}/${tail}` : null;
    case 'details': return subject ? `/consumptions/details/${subject}/${tail}` : null;
    case 'tariffs-total': return `/consumptions/tariffs/total/${energy || 'electricity'}/${tail}`;
    case 'tariffs-details': return subject ? `/consumptions/tariffs/details/${subject}/${tail}` : null;
    default: return null;
  }
}

/** datalogger.csv of the period shown, for the subject a tab shows (manual 8.2.2.6). */
export function csvPath(tab, { period, date, subject, first, energy }) {
  const chosen = {
    'grand-total': 'total', 'overall': 'total', 'partials': subject && /^(group|load)-/.test(subject) ? subject : 'total',
    'compare': first, 'details': subject, 'tariffs-details': subject,
    'tariffs-total': ({ electricity: 'total', water: 'water', gas: 'gas' })[energy || 'electricity'],
  }[tab];
  return chosen ? `/api/v1/consumptions/datalogger/${chosen}/${period}/${date}` : null;
}

/** A stored value as shown: divided by the display unit's divisor, fixed decimals; null: a dash. */
export function formatValue(value, divisor = 1, decimals = 3) {
  if (value === null || value === undefined) return '–';
  return (value / divisor).toFixed(decimals);
}

/** The subject choices of Partials: all groups, all loads, then each group and load. */
export function partialChoices(site) {
  if (!site) return [];
  return [
    { key: 'groups', labelKey: 'consumptions.allGroups' },
    ...site.groups.map((g) => ({ key: g.key, name: g.name })),
    { key: 'loads', labelKey: 'consumptions.allLoads' },
    ...site.loads.map((l) => ({ key: l.key, name: l.name })),
  ];
}

/** The label of an answer's series: its name, or the catalogue's for the site's totals. */
export function seriesLabel(series, t) {
  if (series.name) return series.name;
  return SERIES_KEYS[series.key] ? t(SERIES_KEYS[series.key]) : series.key;
}
