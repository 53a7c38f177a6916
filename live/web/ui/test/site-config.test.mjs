// The System configuration's site sections (src/lib/site-config.js): the rows the pages list,
// the edits they send, the rule in force as the recorder prices.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  activeRule, changeErrors, eraseEdits, enabledEdits, listRows, moved, priorityEdits, ruleFromStored, ruleToStored,
  saveEntryEdits, servedRemoteIds, siteClock, tariffEdits, checkTariff, checkRule, dlmEdits, dlmForm,
} from '../src/lib/site-config.js';

const scenario = {
  ews: { timezone: 'Europe/Paris' },
  installation: {
    loads: [{ name: 'Lighting', enabled: false }, { name: 'Servers' }, { name: 'Lifts' }],
    groups: [{ name: 'A', description: 'Building A' }, { name: 'B' }],
    panelBoards: [{ name: 'Main' }],
    gateways: [
      { name: 'G1', panelBoard: 'Main', devices: [
        { name: 'Meter', family: 'multifunction-meter', address: 1, load: 'Servers', groups: ['A', 'B'] },
        { family: 'charging-station', address: 4, side: 2 },
      ] },
      { kind: 'physical', ip: '10.0.0.2', devices: [{ family: 'pulse-counter', address: 5, position: 3, groups: ['A'] }] },
    ],
  },
  dlm: { maxCurrent: 80, priorityStations: ['4-2'] },
  tariffs: { electricity: { tariffs: [{ name: 'Peak', prices: [{ price: 0.2 }] }, { name: 'Off', colour: '#00FF00', prices: [{ price: 0.1 }] }],
    rules: [{ tariff: 'Off', days: ['sat', 'sun'] }, { tariff: 'Peak', time: ['06:00', '21:59'] }, { tariff: 'Off' }] } },
};

describe('lists (7.16.2)', () => {
  it('loads: the six predefined first (ids 1-6), the user loads after (ids 7-), Remote IDs 2YYYY, users counted', () => {
    const rows = listRows(scenario, 'loads');
    assert.deepEqual(rows.map((r) => [r.name, r.id, r.predefined, r.enabled]).slice(0, 7), [
      ['Heating', 1, true, true], ['Air conditioning', 2, true, true], ['Domestic hot water', 3, true, true],
      ['Lighting', 4, true, false], ['Ventilation', 5, true, true], ['Power sockets', 6, true, true], ['Servers', 7, false, true]]);
    assert.equal(rows[7].remoteId, 20008);
    assert.equal(rows[6].used, 1);
    assert.equal(rows[0].index, null);
  });

  it('a rename follows into every device and gateway using the entry; erase removes them', () => {
    const group = listRows(scenario, 'groups')[0];
    assert.deepEqual(saveEntryEdits(scenario, 'groups', group, { name: 'AA', description: 'x' }), [
      { op: 'set', path: 'installation.groups[0].name', value: 'AA' },
      { op: 'set', path: 'installation.groups[0].description', value: 'x' },
      { op: 'set', path: 'installation.gateways[0].devices[0].groups', value: ['AA', 'B'] },
      { op: 'set', path: 'installation.gateways[1].devices[0].groups', value: ['AA'] },
    ]);
    const board = listRows(scenario, 'panelBoards')[0];
    assert.deepEqual(eraseEdits(scenario, 'panelBoards', board), [
      { op: 'remove', path: 'installation.gateways[0].panelBoard' },
      { op: 'remove', path: 'installation.panelBoards[0]' },
    ]);
    const servers = listRows(scenario, 'loads').find((r) => r.name === 'Servers');
    assert.deepEqual(eraseEdits(scenario, 'loads', servers)[0], { op: 'remove', path: 'installation.gateways[0].devices[0].load' });
  });

  it('disabling a predefined load never changed adds its entry', () => {
    const heating = listRows(scenario, 'loads')[0];
    assert.deepEqual(enabledEdits('loads', heating, false), [{ op: 'append', path: 'installation.loads', value: { name: 'Heating', enabled: false } }]);
  });
});

describe('bill of consumptions (7.16.3)', () => {
  it('rules round-trip, a yearly date keeps month-day, Move up swaps', () => {
    const rule = ruleFromStored({ tariff: 'Off', dates: ['12-24', '01-02'], repeatEveryYear: true, days: ['mon'] });
    assert.deepEqual(ruleToStored(rule), { tariff: 'Off', dates: ['12-24', '01-02'], repeatEveryYear: true, days: ['mon'] });
    assert.deepEqual(ruleToStored({ ...rule, from: '2026-12-25', to: '2026-12-25' }), { tariff: 'Off', dates: '12-25', repeatEveryYear: true, days: ['mon'] });
    assert.deepEqual(moved([1, 2, 3], 2, -1), [1, 3, 2]);
    assert.deepEqual(moved([1, 2, 3], 0, -1), [1, 2, 3]);
    assert.deepEqual(checkRule({ ...rule, days: [] }, [{ name: 'Off' }]), { days: 'siteCfg.error.daysRequired' });
  });

  it('the rule in force: first true from 00:00, held to the end of its frame', () => {
    const rules = [
      ruleFromStored({ tariff: 'Lunch', time: ['12:00', '13:59'] }),
      ruleFromStored({ tariff: 'Day', time: ['00:00', '18:59'], days: ['mon', 'tue', 'wed', 'thu', 'fri'] }),
    ];
    assert.equal(activeRule(rules, { day: '2026-01-06', minute: '12:30', weekday: 'tue' }), 1);  // not interrupted
    assert.equal(activeRule(rules, { day: '2026-01-10', minute: '12:30', weekday: 'sat' }), 0);
    assert.equal(activeRule(rules, { day: '2026-01-10', minute: '15:00', weekday: 'sat' }), -1);
    assert.deepEqual(siteClock(new Date('2026-01-06T23:30:00Z'), 'Europe/Paris'), { day: '2026-01-07', minute: '00:30', weekday: 'wed' });
  });

  it('a renamed tariff carries its name into the rules; prices are checked', () => {
    const edits = tariffEdits(scenario, 'electricity', 1, { name: 'Night', colour: '#00ff00', prices: [{ price: '0,12', from: '' }] });
    assert.deepEqual(edits, [
      { op: 'set', path: 'tariffs.electricity.tariffs[1]', value: { name: 'Night', colour: '#00FF00', prices: [{ price: 0.12 }] } },
      { op: 'set', path: 'tariffs.electricity.rules[0].tariff', value: 'Night' },
      { op: 'set', path: 'tariffs.electricity.rules[2].tariff', value: 'Night' },
    ]);
    assert.deepEqual(checkTariff({ name: 'X', prices: [{ price: '0.1', from: '' }, { price: '0.2', from: '2026-01-01' }] }, []),
      { prices: 'siteCfg.error.priceDates' });
    assert.deepEqual(checkTariff({ name: 'Peak', prices: [{ price: '-1', from: '' }] }, [{ name: 'Peak' }]),
      { name: 'siteCfg.error.nameTaken', prices: 'siteCfg.error.priceNumber' });
  });
});

describe('Green\'Up, Master/Slave, answers', () => {
  it('only changed settings are sent, numbers as numbers; priority by default name', () => {
    const before = dlmForm(scenario);
    assert.equal(before.maxChargingCurrent, '80');
    assert.deepEqual(dlmEdits(before, { ...before, hysteresis: '5', on: true }), [
      { op: 'set', path: 'dlm.on', value: true }, { op: 'set', path: 'dlm.hysteresis', value: 5 }]);
    assert.deepEqual(priorityEdits(scenario, '4-2', false), [{ op: 'set', path: 'dlm.priorityStations', value: [] }]);
  });

  it('Remote IDs: devices in gateway order with default names', () => {
    assert.deepEqual(servedRemoteIds(scenario).devices.map((d) => [d.remoteId, d.name, d.gateway]),
      [[10001, 'Meter', 'G1'], [10002, '4-2', 'G1'], [10003, '5-3', '10.0.0.2']]);
  });

  it('a 422 goes to its field under the prefix, others to the form; 409 is stale', () => {
    const result = { ok: false, status: 422, data: { errors: [
      { field: 'installation.groups[2].name', message: 'taken' }, { field: 'ews.currency', message: 'bad' }] } };
    const errors = changeErrors(result, 'installation.groups', () => null);
    assert.deepEqual(errors['[2].name'], { key: 'error.invalid', params: { message: 'taken' } });
    assert.deepEqual(errors._form, { key: 'error.invalid', params: { message: 'ews.currency: bad' } });
    assert.deepEqual(changeErrors({ status: 409, data: {} }, '', () => null), { _form: { key: 'siteCfg.stale' } });
  });
});
