// The live pages' logic (src/lib/live.js): section A's filters, the Measure page's sections,
// the Green'Up button states of 8.3.2, the alarms query, the codes' catalogue keys.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LABELS, alarmsQuery, channels, filterChoices, filterDevices, labelKey, managementState, measureSections,
  supervisionOutputs } from '../src/lib/live.js';
import { readCatalogue } from './helpers.mjs';

const devices = [
  { id: 1, gatewayId: 1, gateway: 'Local', panelBoard: 'Main board', groups: ['Offices'] },
  { id: 2, gatewayId: 2, gateway: 'Car park gateway', panelBoard: 'Car park board', groups: ['Car park'],
    session: { priority: true } },
  { id: 3, gatewayId: 2, gateway: 'Car park gateway', panelBoard: null, groups: ['Car park', 'Offices'] },
];

describe('section A filters', () => {
  it('by gateway, panel board, group, priority or all', () => {
    assert.deepEqual(filterDevices(devices, 'all').map((d) => d.id), [1, 2, 3]);
    assert.deepEqual(filterDevices(devices, 'gateway:2').map((d) => d.id), [2, 3]);
    assert.deepEqual(filterDevices(devices, 'board:Main board').map((d) => d.id), [1]);
    assert.deepEqual(filterDevices(devices, 'group:Offices').map((d) => d.id), [1, 3]);
    assert.deepEqual(filterDevices(devices, 'priority').map((d) => d.id), [2]);
  });
  it('offers the gateways, boards and groups the devices are under, once each', () => {
    assert.deepEqual(filterChoices(devices), {
      gateways: [{ id: 1, name: 'Local' }, { id: 2, name: 'Car park gateway' }],
      boards: ['Main board', 'Car park board'],
      groups: ['Offices', 'Car park'],
    });
  });
});

describe('the Measure page', () => {
  it('groups a meter\'s values in the manual\'s sections, energies in kWh, statistics left out', () => {
    const sections = measureSections({ medium: 'electricity', values: {
      'energy.active.import': { value: 1760 }, 'voltage.L1N': { value: 230.1 }, 'current.N': { value: 0.5, stale: true },
      'power.active.total': { value: 3000 }, 'thd.voltage.L1': { value: 2.1 }, 'harmonic.current.L2.h5': { value: 4 },
      'stat.voltage.L1N.max': { value: 240 }, 'frequency': { value: 50 }, 'breaker.state': { value: 1 } } });
    assert.deepEqual(sections.map((s) => s.id), ['energy', 'power', 'voltageCurrent', 'thd', 'harmonics']);
    assert.deepEqual(sections[0].rows[0], { quantity: 'energy.active.import', symbol: 'Ea +', value: 1.76, unit: 'kWh', stale: false });
    assert.deepEqual(sections[2].rows.map((r) => [r.symbol, r.unit, r.stale]), [['U L1-N', 'V', false], ['I N', 'A', true], ['f', 'Hz', false]]);
  });
  it('shows a water or gas counter\'s volume in m³ and an electricity pulse counter\'s energy', () => {
    assert.deepEqual(measureSections({ medium: 'gas', values: { count: { value: 250 }, weight: { value: 10 } } }),
      [{ id: 'gas', rows: [{ quantity: 'volume', symbol: 'V', value: 2.5, unit: 'm³', stale: false }] }]);
    const energy = measureSections({ medium: 'electricity', values: { count: { value: 5000 }, weight: { value: 1 } } });
    assert.equal(energy[0].id, 'energy');
    assert.equal(energy[0].rows[0].value, 5);
  });
  it('a generic or virtual device has its positive active energy only', () => {
    assert.deepEqual(measureSections({ medium: 'electricity', values: { 'energy.active.import': { value: 2000 } } })
      .map((s) => s.rows.map((r) => r.quantity)), [['energy.active.import']]);
  });
  it('numbers inputs and outputs', () => {
    const values = { 'input.2': { value: 1 }, 'input.10': { value: 0 }, 'output.1.state': { value: 1 },
      'output.1.mode': { value: 0 }, 'output.1.command': { value: 1 }, 'output.1.onTimeS': { value: 15 } };
    assert.deepEqual(channels(values, /^input\.(\d+)$/).map((c) => c.n), [2, 10]);
    assert.deepEqual(supervisionOutputs(values), [{ n: 1, state: 1, mode: 0, command: 1, onTimeS: 15 }]);
  });
});

describe('Green\'Up management buttons (8.3.2)', () => {
  it('act on a connected vehicle only and show what is in force', () => {
    assert.deepEqual(managementState({ session: null }), { active: false, startWait: null, priority: null });
    assert.deepEqual(managementState({ session: { connected: false } }), { active: false, startWait: null, priority: null });
    assert.deepEqual(managementState({ session: { connected: true, authorised: true, startWait: 'none', priority: false } }),
      { active: true, startWait: 'start', priority: false });
    assert.deepEqual(managementState({ session: { connected: true, authorised: false, startWait: 'none', priority: true } }),
      { active: true, startWait: 'wait', priority: true });
    assert.equal(managementState({ session: { connected: true, authorised: true, startWait: 'wait' } }).startWait, 'wait');
  });
});

describe('alarms', () => {
  it('asks one page with its filters', () => {
    assert.equal(alarmsQuery({ page: 2, pageSize: 50, kind: 'status', device: '4' }), 'page=2&pageSize=50&kind=status&device=4');
    assert.equal(alarmsQuery({ page: 1 }), 'page=1&pageSize=50');
  });
});

describe('codes', () => {
  it('every code has a key of the catalogues, unknown codes none', () => {
    const en = readCatalogue('en');
    for (const table of Object.values(LABELS)) for (const key of Object.values(table)) assert.ok(key in en, key);
    assert.equal(labelKey('status', 'communication-error'), 'live.status.communicationError');
    assert.equal(labelKey('alarmKind', 'something-new'), null);
    assert.equal(labelKey('stationError', 7), 'panel.stationError.internal');
  });
});
