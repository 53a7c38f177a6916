// The Gateways and devices pages' logic (src/lib/config-devices.js): the objects a Save stores
// and the server's refusals mapped onto the form's fields.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  deviceFields, deviceForm, deviceValue, eqCandidates, gatewayForm, gatewayValue, saveErrors,
} from '../src/lib/config-devices.js';

const catalogue = {
  families: [
    { family: 'energy-counter', models: [{ model: '4 120 74', hasThd: false }] },
    { family: 'multifunction-meter', models: [{ model: '4 120 53', hasThd: true }] },
    { family: 'charging-station', models: [{ model: '0 590 32', twoSides: true, singlePhase: true }] },
    { family: 'pulse-counter', models: [{ model: 'Water counter', medium: 'water' }] },
  ],
};

describe('device forms', () => {
  it('keeps the members the form does not show and drops the fields the model does not need', () => {
    const original = { name: 'Old', family: 'energy-counter', model: '4 120 74', address: 3, sim: { profile: 'x' },
      load: 'Lighting', side: 1 };
    const form = { ...deviceForm(original), name: ' Meter ', address: '12' };
    const value = deviceValue(form, original, catalogue.families[0].models[0]);
    assert.deepEqual(value.sim, { profile: 'x' });
    assert.equal(value.load, 'Lighting');
    assert.equal(value.name, 'Meter');
    assert.equal(value.address, 12);
    assert.equal('side' in value, false);
  });

  it('keeps EMS CX3 remote addressing as written and a wrong number as text for the server to name', () => {
    const form = { ...deviceForm({ family: 'energy-counter' }), address: '2-1' };
    assert.equal(deviceValue(form, {}, null).address, '2-1');
    assert.equal(deviceValue({ ...form, address: '1x' }, {}, null).address, '1x');
  });

  it('shows side and phase for a two-sided single-phase station, position for a pulse counter', () => {
    const station = deviceFields({ family: 'charging-station' }, catalogue.families[2].models[0]);
    assert.equal(station.side && station.phase && !station.position, true);
    const pulse = deviceFields({ family: 'pulse-counter' }, catalogue.families[3].models[0]);
    assert.equal(pulse.position && pulse.concentrator && pulse.medium, true);
    assert.equal(deviceFields({ family: 'wsmeasure' }, null).address, false);
  });

  it('stores the load and groups chosen on the form; water and gas counters have no load field', () => {
    const meter = catalogue.families[0].models[0];
    const form = { ...deviceForm({ family: 'energy-counter', model: '4 120 74', address: 3 }), load: 'Kitchen',
      groups: ['Offices', 'Car park'] };
    const value = deviceValue(form, {}, meter);
    assert.equal(value.load, 'Kitchen');
    assert.deepEqual(value.groups, ['Offices', 'Car park']);
    const cleared = deviceValue({ ...form, load: '', groups: [] }, { load: 'Kitchen', groups: ['Offices'] }, meter);
    assert.equal('load' in cleared || 'groups' in cleared, false, 'Others and no group: nothing stored');
    const water = deviceFields({ family: 'pulse-counter', medium: '' }, catalogue.families[3].models[0]);
    assert.equal(water.load, false);
    assert.equal(water.groups, true);
    const kept = deviceValue({ ...deviceForm({ family: 'pulse-counter', load: 'Water' }) }, { load: 'Water' },
      catalogue.families[3].models[0]);
    assert.equal(kept.load, 'Water', 'a hidden load is left as stored');
    assert.equal(deviceFields({ family: 'wsmeasure' }, null).groups, false);
  });

  it('offers only devices with THD as EQ device', () => {
    const gateway = { devices: [{ family: 'energy-counter', model: '4 120 74', name: 'A' },
      { family: 'multifunction-meter', model: '4 120 53', name: '' }] };
    assert.deepEqual(eqCandidates(catalogue, gateway, { devices: [{ name: 'A' }, { name: '2' }] }), ['2']);
  });
});

describe('gateway forms', () => {
  it('never stores an IP address for the Local gateway and keeps its devices', () => {
    const local = { name: 'Local', kind: 'local', devices: [{ address: 1 }] };
    const value = gatewayValue({ ...gatewayForm(local), name: 'Box' }, local);
    assert.equal('ip' in value, false);
    assert.deepEqual(value.devices, [{ address: 1 }]);
    assert.equal(gatewayForm(local).ip, '127.0.0.1');
  });

  it('stores the panel board chosen on the gateway form, none dropping it', () => {
    const gateway = { name: 'G', kind: 'physical', ip: '10.0.0.2', panelBoard: 'Main board', devices: [] };
    assert.equal(gatewayForm(gateway).panelBoard, 'Main board');
    assert.equal(gatewayValue({ ...gatewayForm(gateway), panelBoard: 'Roof' }, gateway).panelBoard, 'Roof');
    assert.equal('panelBoard' in gatewayValue({ ...gatewayForm(gateway), panelBoard: '' }, gateway), false);
  });
});

describe('saveErrors', () => {
  const prefix = 'installation.gateways[1].devices[2]';
  it('puts each refusal under its form field, others on the form line', () => {
    const result = { ok: false, status: 422, data: { errors: [
      { field: `${prefix}.position`, message: 'taken' },
      { field: `${prefix}.generic.register`, message: 'not hex' },
      { field: 'installation.gateways[0].devices[0].name', message: 'used twice' },
    ] } };
    const errors = saveErrors(result, prefix, ['position', 'genericRegister']);
    assert.equal(errors.position.params.message, 'taken');
    assert.equal(errors.genericRegister.params.message, 'not hex');
    assert.match(errors._form.params.message, /devices\[0\]\.name: used twice/);
  });

  it('says a stale save was refused', () => {
    const errors = saveErrors({ ok: false, status: 409, data: { error: 'stale', version: 7 } }, prefix, []);
    assert.deepEqual(errors._form, { key: 'gateways.stale', params: { version: 7 } });
  });
});
