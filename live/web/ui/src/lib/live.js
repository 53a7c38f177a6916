// The live pages' logic (My panel board 8.2.1, Green'Up 8.3, alarms 8.7), pure: which devices a
// filter shows, how a device's values are grouped and labelled, units. Imported by the pages
// and by the node tests. Quantity names are those of docs/register-maps.md.

/** The filter values of section A: 'all', 'gateway:<id>', 'board:<name>', 'group:<name>', 'priority'. */
export function filterDevices(devices, filter) {
  const list = Array.isArray(devices) ? devices : [];
  if (!filter || filter === 'all') return list;
  const [kind, ...rest] = filter.split(':');
  const value = rest.join(':');
  if (kind === 'gateway') return list.filter((d) => String(d.gatewayId) === value);
  if (kind === 'board') return list.filter((d) => d.panelBoard === value);
  if (kind === 'group') return list.filter((d) => (d.groups || []).includes(value));
  if (kind === 'priority') return list.filter((d) => d.session && d.session.priority);
  return list;
}

/** The gateways and panel boards the devices are under, in order of appearance. */
export function filterChoices(devices) {
  const gateways = new Map();
  const boards = [];
  const groups = [];
  for (const d of devices || []) {
    if (!gateways.has(d.gatewayId)) gateways.set(d.gatewayId, d.gateway);
    if (d.panelBoard && !boards.includes(d.panelBoard)) boards.push(d.panelBoard);
    for (const g of d.groups || []) if (!groups.includes(g)) groups.push(g);
  }
  return { gateways: [...gateways].map(([id, name]) => ({ id, name })), boards, groups };
}

// Each measure section (LABELS.measure) and the quantities it shows, by name pattern.
const SECTIONS = [
  { id: 'energy', test: (q) => /^energy\./.test(q) },
  { id: 'power', test: (q) => /^(power\.|powerFactor\.)/.test(q) },
  { id: 'voltageCurrent', test: (q) => /^(voltage\.|current\.|frequency$)/.test(q) },
  { id: 'thd', test: (q) => /^thd\./.test(q) },
  { id: 'harmonics', test: (q) => /^harmonic\./.test(q) },
  { id: 'analog', test: (q) => /^analogInput\./.test(q) },
];

/** Symbol and unit of a measured quantity (no words: they need no translation). */
export function describeQuantity(quantity) {
  const parts = quantity.split('.');
  const phase = (p) => ({ L1N: 'L1-N', L2N: 'L2-N', L3N: 'L3-N', L12: 'L1-L2', L23: 'L2-L3', L31: 'L3-L1', total: 'Σ' }[p] || p);
  switch (parts[0]) {
    case 'energy': return { symbol: `${parts[1] === 'active' ? 'Ea' : 'Er'} ${parts[2] === 'import' ? '+' : '−'}`, unit: parts[1] === 'active' ? 'kWh' : 'kvarh', scale: 0.001 };
    case 'power': return { symbol: `${{ active: 'P', reactive: 'Q', apparent: 'S' }[parts[1]]} ${phase(parts[2])}`, unit: { active: 'W', reactive: 'var', apparent: 'VA' }[parts[1]], scale: 1 };
    case 'powerFactor': return { symbol: `PF ${phase(parts[1])}`, unit: '', scale: 1 };
    case 'voltage': return { symbol: `U ${phase(parts[1])}`, unit: 'V', scale: 1 };
    case 'current': return { symbol: `I ${phase(parts[1])}`, unit: 'A', scale: 1 };
    case 'frequency': return { symbol: 'f', unit: 'Hz', scale: 1 };
    case 'thd': return { symbol: `THD ${parts[1] === 'voltage' ? 'U' : 'I'} ${parts[2]}`, unit: '%', scale: 1 };
    case 'harmonic': return { symbol: `${parts[1] === 'voltage' ? 'U' : 'I'} ${parts[2]} ${parts[3]}`, unit: '%', scale: 1 };
    case 'analogInput': return { symbol: `AI ${parts[1]}`, unit: 'mA', scale: 1 };
    default: return { symbol: quantity, unit: '', scale: 1 };
  }
}

/**
 * The Measure page of a device (8.2.1 section C): its measured values in the manual's sections,
 * each row {quantity, symbol, value, unit, stale}. Water and gas counters show their volume.
 * @param {{medium: string, values: Record<string, {value: number, stale?: boolean}>}} device
 */
export function measureSections(device) {
  const values = (device && device.values) || {};
  if (values.count) {
    // A pulse counter: pulses × what a pulse is worth (Wh for electricity, L for water and gas).
    const worth = values.count.value * (values.weight ? values.weight.value : 1);
    const stale = !!values.count.stale;
    if (device.medium === 'water' || device.medium === 'gas') {
      return [{ id: device.medium, rows: [{ quantity: 'volume', symbol: 'V', value: worth / 1000, unit: 'm³', stale }] }];
    }
    return [{ id: 'energy', rows: [{ quantity: 'energy.active.import', symbol: 'Ea +', value: worth / 1000, unit: 'kWh', stale }] }];
  }
  const out = [];
  for (const section of SECTIONS) {
    const rows = Object.keys(values).filter((q) => !q.startsWith('stat.') && section.test(q)).map((q) => {
      const { symbol, unit, scale } = describeQuantity(q);
      return { quantity: q, symbol, value: values[q].value * scale, unit, stale: !!values[q].stale };
    });
    if (rows.length) out.push({ id: section.id, rows });
  }
  return out;
}

/** Numbered channels of a device: 'input', 'state.input', 'output' ... -> [{n, value}] ascending. */
export function channels(values, pattern) {
  const found = [];
  for (const [q, v] of Object.entries(values || {})) {
    const m = pattern.exec(q);
    if (m) found.push({ n: Number(m[1]), value: v.value, stale: !!v.stale });
  }
  return found.sort((a, b) => a.n - b.n);
}

/** The power supervision outputs (0 261 36, 0 288 12): state and configuration per output. */
export function supervisionOutputs(values) {
  const byOutput = new Map();
  for (const [q, v] of Object.entries(values || {})) {
    const m = /^output\.(\d+)\.(state|mode|command|onTimeS)$/.exec(q);
    if (!m) continue;
    const n = Number(m[1]);
    if (!byOutput.has(n)) byOutput.set(n, { n });
    byOutput.get(n)[m[2]] = v.value;
  }
  return [...byOutput.values()].sort((a, b) => a.n - b.n);
}

/** A number for a page: a fixed count of decimals by size, '—' for none. */
export function formatValue(value, lang) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 3;
  return new Intl.NumberFormat(lang || 'en', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/**
 * The Green'Up button states of 8.3.2 for a station's current charge: which of Start/Wait and
 * Normal/Priority is in force and whether the buttons can act (a vehicle is connected and the
 * load management runs the station).
 */
export function managementState(station) {
  const session = station && station.session;
  const active = !!(session && session.connected);
  let startWait = null;
  if (active) {
    if (session.startWait === 'wait') startWait = 'wait';
    else if (session.startWait === 'start' || session.authorised) startWait = 'start';
    else startWait = 'wait';
  }
  return { active, startWait, priority: active ? !!session.priority : null };
}

/** Alarm rows' query string for GET /api/v1/alarms. */
export function alarmsQuery({ page = 1, pageSize = 50, kind = '', device = '' } = {}) {
  const params = new URLSearchParams();
  params.set('page', String(page));
  params.set('pageSize', String(pageSize));
  if (kind) params.set('kind', kind);
  if (device !== '' && device !== null && device !== undefined) params.set('device', String(device));
  return params.toString();
}

/** Catalogue keys of the codes the pages show (written out so the key checks see them). */
export const LABELS = Object.freeze({
  status: { 'on': 'live.status.on', 'off': 'live.status.off', 'communication-error': 'live.status.communicationError',
    'configuration-error': 'live.status.configurationError',
    'station-failure': 'live.status.stationFailure' },
  breaker: { open: 'live.breaker.open', closed: 'live.breaker.closed', tripped: 'live.breaker.tripped' },
  function: { measure: 'live.function.measure', state: 'live.function.state', command: 'live.function.command',
    link: 'live.function.link' },
  tab: { measure: 'panel.tab.measure', state: 'panel.tab.state', stationErrors: 'panel.tab.stationErrors',
    chargeErrors: 'panel.tab.chargeErrors', commands: 'panel.tab.commands', inputs: 'panel.tab.inputs',
    outputs: 'panel.tab.outputs', configuration: 'panel.tab.configuration' },
  // station.state codes (docs/register-maps.md), and the names the Green'Up API gives them.
  stationState: { 0: 'live.stationState.available', 1: 'live.stationState.charging', 2: 'live.stationState.waiting',
    3: 'live.stationState.error', 4: 'live.stationState.complete', available: 'live.stationState.available',
    charging: 'live.stationState.charging', waiting: 'live.stationState.waiting', error: 'live.stationState.error',
    complete: 'live.stationState.complete' },
  stationError: { 0: 'panel.stationError.none', 1: 'panel.stationError.supplyVoltage', 2: 'panel.stationError.overTemperature',
    3: 'panel.stationError.residualCurrent', 4: 'panel.stationError.contactor', 5: 'panel.stationError.meter',
    6: 'panel.stationError.socketLocking', 7: 'panel.stationError.internal' },
  chargeError: { 0: 'panel.chargeError.none', 1: 'panel.chargeError.pilot', 2: 'panel.chargeError.ventilation',
    3: 'panel.chargeError.diodeMissing', 4: 'panel.chargeError.evOvercurrent', 5: 'panel.chargeError.cable',
    6: 'panel.chargeError.plugNotLocked', 7: 'panel.chargeError.earthFault' },
  plug: { evPlugEnabled: 'panel.evPlug', domesticPlugEnabled: 'panel.domesticPlug' },
  zone: { 'green': 'greenUp.zone.green', 'yellow': 'greenUp.zone.yellow', 'red': 'greenUp.zone.red',
    'fail-safe': 'greenUp.zone.failSafe' },
  level: { full: 'greenUp.level.full', first_step: 'greenUp.level.firstStep', second_step: 'greenUp.level.secondStep' },
  alarmKind: { 'status': 'alarms.kind.status', 'dlm': 'alarms.kind.dlm', 'dlm-command': 'alarms.kind.dlmCommand',
    'counter-wrap': 'alarms.kind.counterWrap', 'counter-reset': 'alarms.kind.counterReset',
    'meter-replaced': 'alarms.kind.meterReplaced',
    'configuration-error': 'alarms.kind.configurationError' },
  measure: { energy: 'panel.section.energy', power: 'panel.section.power', voltageCurrent: 'panel.section.voltageCurrent',
    thd: 'panel.section.thd', harmonics: 'panel.section.harmonics', analog: 'panel.section.analog',
    water: 'panel.section.water', gas: 'panel.section.gas' },
});

/** The key of a code in one of LABELS' tables, or null when the code is not known. */
export function labelKey(table, code) {
  const keys = LABELS[table];
  return keys && Object.prototype.hasOwnProperty.call(keys, code) ? keys[code] : null;
}
