// The System configuration's site sections (manual 7.16.2-7.16.6) over the configuration API
// (docs/api.md, "Configuration"): what the pages read from the stored scenario
// (GET /api/v1/configuration's `scenario`) and the edits by field path they send to
// POST /api/v1/configuration/changes. Pure: no Preact, imported by the node tests.
// The server checks every edit again with the scenario loader and answers 422 naming the field.

export const PREDEFINED_LOADS = Object.freeze([
  'Heating', 'Air conditioning', 'Domestic hot water', 'Lighting', 'Ventilation', 'Power sockets',
]);
/** Loads that are not configurable: they gather what has no load, water, gas (manual 7.16.2.2). */
export const PSEUDO_LOADS = Object.freeze(['Others', 'Water', 'Gas']);
export const MAX_USER_LOADS = 8;
export const MAX_GROUPS_PER_DEVICE = 5;
export const MAX_TARIFFS = 5;
export const MAX_PRICES = 5;
export const ENERGIES = Object.freeze(['electricity', 'gas', 'water']);
export const WEEKDAYS = Object.freeze(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
/** The palette a tariff takes when it has no colour of its own (the loader's, by position). */
export const TARIFF_PALETTE = Object.freeze(['#1F77B4', '#FF7F0E', '#2CA02C', '#D62728', '#9467BD']);
/** Sample rates offered (docs/scenario-format.md: whole minutes dividing a day). */
export const SAMPLE_RATES = Object.freeze([
  '1min', '2min', '5min', '10min', '15min', '20min', '30min', '1h', '2h', '3h', '4h', '6h', '12h', '1d',
]);
/** Families whose current a Green'Up total meter can measure (docs/scenario-format.md, `dlm`). */
export const TOTAL_METER_FAMILIES = Object.freeze(['multifunction-meter', 'energy-counter', 'ems-measure', 'breaker']);

/** The three lists of 7.16.2: where they are stored, and whether an entry has a description. */
export const LISTS = Object.freeze({
  panelBoards: { path: 'installation.panelBoards', description: true, remoteDigit: null },
  loads: { path: 'installation.loads', description: false, remoteDigit: 2 },
  groups: { path: 'installation.groups', description: true, remoteDigit: 3 },
});

const asList = (v) => (Array.isArray(v) ? v : []);
const asText = (v) => (v === undefined || v === null ? '' : String(v));

/** YAML booleans as the loader reads them (true/yes/on, any case); `fallback` when absent. */
export function asBool(value, fallback) {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  return ['true', 'yes', 'on'].includes(String(value).toLowerCase());
}

export function installationOf(scenario) {
  return (scenario && typeof scenario.installation === 'object' && scenario.installation) || {};
}

/** A device's name as the EWS shows it (manual 7.16.1.5 defaults when left empty). */
export function deviceName(device) {
  if (device.name) return String(device.name);
  if (device.family === 'wsmeasure') return `247-${asText(device.remoteId)}`;
  if (device.position !== undefined && device.position !== null) return `${device.address}-${device.position}`;
  if (device.side !== undefined && device.side !== null) return `${device.address}-${device.side}`;
  return asText(device.address);
}

/** A gateway's name as shown: its IP when unnamed, "Local" for the local one. */
export function gatewayName(gateway) {
  if (gateway.name) return String(gateway.name);
  return gateway.kind === 'local' ? 'Local' : asText(gateway.ip);
}

/**
 * Every device with its place: {gateway, index, path, id, name, family, spec}. Ids are the
 * EWS database ids (1XXXX Remote IDs): devices numbered in gateway order, as the installation
 * builds them.
 */
export function devicesOf(scenario) {
  const out = [];
  asList(installationOf(scenario).gateways).forEach((gateway, g) => {
    asList(gateway && gateway.devices).forEach((device, d) => {
      out.push({
        gateway: g, gatewayName: gatewayName(gateway), index: d, path: `installation.gateways[${g}].devices[${d}]`,
        id: out.length + 1, name: deviceName(device), family: asText(device.family), spec: device,
      });
    });
  });
  return out;
}

function isPredefined(name) {
  return PREDEFINED_LOADS.includes(name);
}

/** How many devices (gateways for panel boards) use the entry named `name` of list `kind`. */
function usersOf(scenario, kind, name) {
  if (kind === 'panelBoards') {
    return asList(installationOf(scenario).gateways).filter((g) => g && asText(g.panelBoard) === name).length;
  }
  return devicesOf(scenario).filter((d) => (kind === 'loads'
    ? asText(d.spec.load) === name
    : asList(d.spec.groups).map(asText).includes(name))).length;
}

/**
 * The rows of a list page: {key, name, description, enabled, predefined, index (the stored
 * entry, or null for a predefined load never changed), id, remoteId, used}.
 * Loads: the 6 predefined ones first (ids 1-6), then the user's (ids 7-14 in order).
 */
export function listRows(scenario, kind) {
  const entries = asList(installationOf(scenario)[kind]);
  const row = (entry, index, id, predefined) => {
    const name = asText(entry.name);
    const remoteDigit = LISTS[kind].remoteDigit;
    return {
      key: `${predefined ? 'p' : 'u'}${index === null ? name : index}`,
      name,
      description: asText(entry.description),
      enabled: asBool(entry.enabled, true),
      predefined,
      index,
      id,
      remoteId: remoteDigit ? remoteDigit * 10000 + id : null,
      used: usersOf(scenario, kind, name),
    };
  };
  if (kind !== 'loads') return entries.map((entry, i) => row(entry, i, i + 1, false));
  const rows = PREDEFINED_LOADS.map((name, i) => {
    const index = entries.findIndex((e) => asText(e && e.name) === name);
    return row(index >= 0 ? entries[index] : { name }, index >= 0 ? index : null, i + 1, true);
  });
  let nextId = PREDEFINED_LOADS.length + 1;
  entries.forEach((entry, i) => {
    if (!isPredefined(asText(entry && entry.name))) rows.push(row(entry, i, nextId++, false));
  });
  return rows;
}

/** The user loads already added (manual 7.16.2.2: 8 at most). */
export function userLoadCount(scenario) {
  return listRows(scenario, 'loads').filter((r) => !r.predefined).length;
}

/** The form's own checks before sending: {name?: key}. The server checks again. */
export function checkListEntry(scenario, kind, form, editing) {
  const errors = {};
  const name = form.name.trim();
  const taken = listRows(scenario, kind).some((r) => r.name === name && (!editing || r.key !== editing.key));
  if (!name) errors.name = 'siteCfg.error.nameRequired';
  else if (taken) errors.name = 'siteCfg.error.nameTaken';
  else if (kind === 'loads' && (PSEUDO_LOADS.includes(name) || (!editing && isPredefined(name)))) {
    errors.name = 'siteCfg.error.nameReserved';
  }
  return errors;
}

function entryValue(kind, form) {
  const value = { name: form.name.trim() };
  if (LISTS[kind].description && form.description.trim()) value.description = form.description.trim();
  return value;
}

/** Edits adding an entry (manual 7.16.2.1-7.16.2.3 "Add", "Save"). */
export function addEntryEdits(kind, form) {
  return [{ op: 'append', path: LISTS[kind].path, value: entryValue(kind, form) }];
}

// A reference renamed, or removed (the default: no panel board, the "Others" load).
function referenceEdit(path, replacement) {
  return replacement === null ? { op: 'remove', path } : { op: 'set', path, value: replacement };
}

// Every place the entry's name is referred to: gateways' panel board, devices' load and groups.
function referenceEdits(scenario, kind, name, replacement) {
  const edits = [];
  if (kind === 'panelBoards') {
    asList(installationOf(scenario).gateways).forEach((g, i) => {
      if (g && asText(g.panelBoard) === name) edits.push(referenceEdit(`installation.gateways[${i}].panelBoard`, replacement));
    });
    return edits;
  }
  for (const device of devicesOf(scenario)) {
    if (kind === 'loads' && asText(device.spec.load) === name) edits.push(referenceEdit(`${device.path}.load`, replacement));
    if (kind === 'groups') {
      const groups = asList(device.spec.groups).map(asText);
      if (groups.includes(name)) {
        const next = replacement === null ? groups.filter((g) => g !== name) : groups.map((g) => (g === name ? replacement : g));
        edits.push({ op: 'set', path: `${device.path}.groups`, value: next });
      }
    }
  }
  return edits;
}

/** Edits saving an existing entry: its fields, and a new name carried to everything using it. */
export function saveEntryEdits(scenario, kind, row, form) {
  const value = entryValue(kind, form);
  const base = `${LISTS[kind].path}[${row.index}]`;
  const edits = [{ op: 'set', path: `${base}.name`, value: value.name }];
  if (LISTS[kind].description) edits.push({ op: 'set', path: `${base}.description`, value: value.description || '' });
  if (value.name !== row.name) edits.push(...referenceEdits(scenario, kind, row.name, value.name));
  return edits;
}

/** Disable / Enable (manual 7.16.2.4). A predefined load never changed gets its entry. */
export function enabledEdits(kind, row, enabled) {
  if (row.index === null) return [{ op: 'append', path: LISTS[kind].path, value: { name: row.name, enabled } }];
  return [{ op: 'set', path: `${LISTS[kind].path}[${row.index}].enabled`, value: enabled }];
}

/**
 * Erase (manual 7.16.2.4; not for predefined loads): the entry goes, and what used it is left
 * without it (devices back on "Others", out of the group; gateways without a panel board).
 */
export function eraseEdits(scenario, kind, row) {
  return [...referenceEdits(scenario, kind, row.name, null), { op: 'remove', path: `${LISTS[kind].path}[${row.index}]` }];
}

// ---------------------------------------------------------------- bill of consumptions (7.16.3)

export function tariffsOf(scenario, energy) {
  const section = (scenario && scenario.tariffs && scenario.tariffs[energy]) || {};
  return {
    tariffs: asList(section.tariffs).map((t, i) => ({
      name: asText(t.name),
      colour: asText(t.colour) || TARIFF_PALETTE[i % TARIFF_PALETTE.length],
      prices: asList(t.prices).map((p) => ({ price: asText(p.price), from: asText(p.from) })),
    })),
    rules: asList(section.rules).map(ruleFromStored),
    flatPrice: section.flatPrice === undefined || section.flatPrice === null ? null : asText(section.flatPrice),
  };
}

/** A stored rule as the form holds it. */
export function ruleFromStored(rule) {
  const dates = Array.isArray(rule.dates) ? rule.dates.map(asText) : (rule.dates ? [asText(rule.dates)] : []);
  const time = Array.isArray(rule.time) ? rule.time.map(asText) : ['00:00', '23:59'];
  const days = Array.isArray(rule.days) ? rule.days.map((d) => asText(d).toLowerCase()) : [...WEEKDAYS];
  return {
    tariff: asText(rule.tariff),
    from: dates[0] || '',
    to: dates[1] || dates[0] || '',
    repeatEveryYear: asBool(rule.repeatEveryYear, false),
    timeFrom: time[0] || '00:00',
    timeTo: time[1] || '23:59',
    days: WEEKDAYS.filter((d) => days.includes(d)),
  };
}

export function emptyRule(tariff) {
  return { tariff: tariff || '', from: '', to: '', repeatEveryYear: false, timeFrom: '00:00', timeTo: '23:59', days: [...WEEKDAYS] };
}

/** "2020-12-25" -> "12-25" when repeated every year (the stored form has no year then). */
function storedDay(date, repeat) {
  return repeat && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date.slice(5) : date;
}

/** A rule as stored: only what differs from "every day, all day" is written. */
export function ruleToStored(rule) {
  const out = { tariff: rule.tariff };
  if (rule.from) {
    const from = storedDay(rule.from, rule.repeatEveryYear);
    const to = storedDay(rule.to || rule.from, rule.repeatEveryYear);
    out.dates = from === to ? from : [from, to];
  }
  if (rule.repeatEveryYear) out.repeatEveryYear = true;
  if (rule.timeFrom !== '00:00' || rule.timeTo !== '23:59') out.time = [rule.timeFrom, rule.timeTo];
  if (rule.days.length !== WEEKDAYS.length) out.days = [...rule.days];
  return out;
}

/** A date input's value for a stored date: "12-25" of a yearly rule shown in a leap year. */
export function dateInputValue(date) {
  return /^\d{2}-\d{2}$/.test(date) ? `2000-${date}` : date;
}

/** The form's own checks of a rule: {field: key}. */
export function checkRule(rule, tariffs) {
  const errors = {};
  if (!tariffs.some((t) => t.name === rule.tariff)) errors.tariff = 'siteCfg.error.tariffRequired';
  if (!rule.days.length) errors.days = 'siteCfg.error.daysRequired';
  if (rule.repeatEveryYear && !rule.from) errors.dates = 'siteCfg.error.repeatNeedsDates';
  if (rule.from && rule.to && rule.to < rule.from && !rule.repeatEveryYear) errors.dates = 'siteCfg.error.datesOrder';
  if (rule.timeTo < rule.timeFrom) errors.time = 'siteCfg.error.timeOrder';
  return errors;
}

/** The whole rule list stored again in a new order (Move up / Move down) or with one changed. */
export function rulesEdit(energy, rules) {
  return { op: 'set', path: `tariffs.${energy}.rules`, value: rules.map(ruleToStored) };
}

/** Moves item `index` by `step` (-1 up, +1 down); the same list when it cannot move. */
export function moved(list, index, step) {
  const to = index + step;
  if (to < 0 || to >= list.length) return list;
  const out = [...list];
  [out[index], out[to]] = [out[to], out[index]];
  return out;
}

/** A tariff as stored: its prices in date order; a single price needs no date. */
export function tariffToStored(tariff) {
  const prices = tariff.prices
    .filter((p) => String(p.price).trim() !== '' || p.from)
    .map((p) => {
      const n = Number(String(p.price).replace(',', '.'));
      const price = { price: Number.isFinite(n) && String(p.price).trim() !== '' ? n : String(p.price) };
      if (p.from) price.from = p.from;
      return price;
    });
  return { name: tariff.name.trim(), colour: tariff.colour.toUpperCase(), prices };
}

/** The form's own checks of a tariff: {field: key}. */
export function checkTariff(tariff, others) {
  const errors = {};
  const name = tariff.name.trim();
  if (!name) errors.name = 'siteCfg.error.nameRequired';
  else if (others.some((t) => t.name === name)) errors.name = 'siteCfg.error.nameTaken';
  const prices = tariff.prices.filter((p) => String(p.price).trim() !== '' || p.from);
  if (!prices.length) errors.prices = 'siteCfg.error.priceRequired';
  else if (prices.length > MAX_PRICES) errors.prices = 'siteCfg.error.tooManyPrices';
  else if (prices.some((p) => !(Number(String(p.price).replace(',', '.')) >= 0) || String(p.price).trim() === '')) {
    errors.prices = 'siteCfg.error.priceNumber';
  } else if (prices.length > 1 && prices.some((p) => !p.from)) errors.prices = 'siteCfg.error.priceDates';
  return errors;
}

/**
 * Edits saving tariff `index` (null: a new one). A renamed tariff's rules follow its name.
 */
export function tariffEdits(scenario, energy, index, tariff) {
  const stored = tariffToStored(tariff);
  const base = `tariffs.${energy}.tariffs`;
  if (index === null) return [{ op: 'append', path: base, value: stored }];
  const edits = [{ op: 'set', path: `${base}[${index}]`, value: stored }];
  const before = tariffsOf(scenario, energy);
  const oldName = before.tariffs[index] && before.tariffs[index].name;
  if (oldName && oldName !== stored.name) {
    before.rules.forEach((rule, i) => {
      if (rule.tariff === oldName) edits.push({ op: 'set', path: `tariffs.${energy}.rules[${i}].tariff`, value: stored.name });
    });
  }
  return edits;
}

/** Local day "YYYY-MM-DD", minute "HH:MM" and weekday of `instant` in `timeZone`. */
export function siteClock(instant, timeZone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    weekday: 'short', hourCycle: 'h23',
  }).formatToParts(instant).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, minute: `${parts.hour}:${parts.minute}`, weekday: parts.weekday.toLowerCase().slice(0, 3) };
}

function dayMatches(rule, day) {
  if (!rule.from) return true;
  if (!rule.repeatEveryYear) return rule.from <= day && day <= (rule.to || rule.from);
  const md = day.slice(5);
  const from = rule.from.length > 5 ? rule.from.slice(5) : rule.from;
  const toRaw = rule.to || rule.from;
  const to = toRaw.length > 5 ? toRaw.slice(5) : toRaw;
  return from <= to ? from <= md && md <= to : md >= from || md <= to;  // across New Year
}

const minuteOf = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The rule in force at a local day/minute/weekday, as the recorder prices (docs/tariffs.md,
 * the manual's IMPORTANT note): from 00:00 the rules are examined top-down, the first true one
 * stays in force until the end of its time frame that day, then the analysis starts again.
 * -1 when none is in force (that consumption is not priced).
 */
export function activeRule(rules, clock) {
  const now = minuteOf(clock.minute);
  const holds = (rule, minute) => dayMatches(rule, clock.day) && rule.days.includes(clock.weekday)
    && minuteOf(rule.timeFrom) <= minute && minute <= minuteOf(rule.timeTo);
  let minute = 0;
  while (minute <= now) {
    const found = rules.findIndex((rule) => holds(rule, minute));
    if (found < 0) {
      minute += 1;  // nothing in force until some rule's frame starts
      continue;
    }
    const end = minuteOf(rules[found].timeTo);
    if (now <= end) return found;
    minute = end + 1;
  }
  return -1;
}

// ---------------------------------------------------------------- Green'Up (7.16.5)

/** The management settings as the form holds them (defaults of docs/scenario-format.md). */
export function dlmForm(scenario) {
  const dlm = (scenario && scenario.dlm) || {};
  const text = (v, d) => (v === undefined || v === null || v === '' ? d : asText(v));
  const maxCurrent = text(dlm.maxCurrent, '');
  return {
    on: asBool(dlm.on, false),
    totalMeter: asText(dlm.totalMeter),
    scope: text(dlm.scope, 'whole-site'),
    maxCurrent,
    maxChargingCurrent: text(dlm.maxChargingCurrent, maxCurrent),
    hysteresis: text(dlm.hysteresis, '0'),
    firstStep: text(dlm.firstStep, '75'),
    secondStep: text(dlm.secondStep, '50'),
    minCharge: text(dlm.minCharge, '32'),
    loadControl: asBool(dlm.loadControl, true),
    controlLogic: asBool(dlm.controlLogic, true),
  };
}

export const DLM_NUMBERS = Object.freeze(['maxCurrent', 'maxChargingCurrent', 'hysteresis', 'firstStep', 'secondStep', 'minCharge']);

/** Edits of the management settings: only what changed, numbers as numbers. */
export function dlmEdits(before, form) {
  const edits = [];
  for (const [key, value] of Object.entries(form)) {
    if (before[key] === value) continue;
    let stored = value;
    if (DLM_NUMBERS.includes(key)) {
      const n = Number(String(value).replace(',', '.'));
      stored = String(value).trim() !== '' && Number.isFinite(n) ? n : String(value);
    }
    edits.push({ op: 'set', path: `dlm.${key}`, value: stored });
  }
  return edits;
}

export function priorityStationsOf(scenario) {
  return asList(scenario && scenario.dlm && scenario.dlm.priorityStations).map(asText);
}

export function stationsOf(scenario) {
  return devicesOf(scenario).filter((d) => d.family === 'charging-station');
}

/** The edit setting a station's default priority (manual 7.16.5.2). */
export function priorityEdits(scenario, station, priority) {
  const current = priorityStationsOf(scenario);
  const next = priority ? [...current.filter((n) => n !== station), station] : current.filter((n) => n !== station);
  return [{ op: 'set', path: 'dlm.priorityStations', value: next }];
}

// ---------------------------------------------------------------- Master/Slave, Link (7.16.6.1, 8.2.3)

export function modbusServerOf(scenario) {
  const modbus = (scenario && scenario.ews && scenario.ews.modbus) || {};
  return { on: asBool(modbus.tcpServer, false), port: asText(modbus.tcpServerPort) || '502' };
}

/** The Remote IDs this EWS serves to a master: devices 1XXXX, loads 2YYYY, groups 3ZZZZ, all 29999. */
export function servedRemoteIds(scenario) {
  return {
    devices: devicesOf(scenario).map((d) => ({ remoteId: 10000 + d.id, name: d.name, gateway: d.gatewayName })),
    loads: listRows(scenario, 'loads').map((r) => ({ remoteId: r.remoteId, name: r.name })),
    groups: listRows(scenario, 'groups').map((r) => ({ remoteId: r.remoteId, name: r.name })),
  };
}

// ---------------------------------------------------------------- answers

/**
 * A save's answer as messages: 422 errors by field (the part after `prefix` when the field lies
 * under it, else under '_form'), 409 stale, others through errorMessage.
 * @returns {Record<string, {key: string, params?: object}>}
 */
export function changeErrors(result, prefix, errorMessage) {
  if (result.status === 409) return { _form: { key: 'siteCfg.stale' } };
  const list = result.data && Array.isArray(result.data.errors) ? result.data.errors : null;
  if (result.status === 422 && list) {
    const out = {};
    for (const e of list) {
      const field = asText(e.field);
      let where = '_form';
      if (prefix && field.startsWith(prefix)) where = field.slice(prefix.length).replace(/^[.]/, '') || '_form';
      const message = { key: 'error.invalid', params: { message: where === '_form' && field ? `${field}: ${asText(e.message)}` : asText(e.message) } };
      // Several refusals at one place: the first is shown, with the field named.
      if (!out[where]) out[where] = message;
    }
    return out;
  }
  return { _form: errorMessage(result.error, result.status) };
}

/** The first part of a 422 field after `prefix` ("[2].name" -> "name" under "list[2]"). */
export function fieldUnder(errors, field) {
  return Object.entries(errors).find(([where]) => where === field || where.startsWith(`${field}.`) || where.startsWith(`${field}[`))?.[1] || null;
}
