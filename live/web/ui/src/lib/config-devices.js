// The Gateways and devices pages' logic (manual 7.16.1, docs/pages.md): forms made from the
// stored configuration (GET /api/v1/configuration) and the edits a Save sends
// (POST /api/v1/configuration/changes), the server's refusals mapped onto the form's fields.
// Pure: the node tests check it. The rules themselves are the server's (one validator): the
// forms only keep out what a form cannot mean (a letter in a number field).

export const SYSTEM_BASE = '/system';
export const GATEWAYS_PATH = `${SYSTEM_BASE}/gateways`;

export const gatewayPath = (g) => `${GATEWAYS_PATH}/${g}`;
export const devicesPath = (g) => `${gatewayPath(g)}/devices`;
export const devicePath = (g, d) => `${devicesPath(g)}/${d}`;

/** The gateway list of the stored scenario. */
export function gatewaysOf(configuration) {
  const installation = configuration && configuration.scenario && configuration.scenario.installation;
  return (installation && Array.isArray(installation.gateways)) ? installation.gateways : [];
}

/** The names the installation gives (defaults applied) to gateway `g` and its devices. */
export function namesOf(configuration, g) {
  const list = (configuration && configuration.installation) || [];
  return list[g] || { id: 0, name: '', devices: [] };
}

export function familyOf(catalogue, family) {
  return ((catalogue && catalogue.families) || []).find((f) => f.family === family) || null;
}

export function modelOf(catalogue, family, model) {
  const entry = familyOf(catalogue, family);
  if (!entry || !model) return null;
  const wanted = String(model).replace(/\s+/g, '').toLowerCase();
  return entry.models.find((m) => m.model.replace(/\s+/g, '').toLowerCase() === wanted) || null;
}

/** The devices of a gateway that may be its EQ device (THD measured, manual 7.16.1.4). */
export function eqCandidates(catalogue, gateway, names) {
  return (gateway.devices || []).map((device, d) => ({ device, name: names.devices[d] ? names.devices[d].name : device.name }))
    .filter(({ device }) => { const m = modelOf(catalogue, device.family, device.model); return m && m.hasThd; })
    .map(({ name }) => name);
}

const text = (v) => (v === undefined || v === null ? '' : String(v));

export function gatewayForm(gateway) {
  const g = gateway || {};
  return {
    kind: g.kind || 'physical',
    name: text(g.name),
    ip: text(g.kind === 'local' ? '127.0.0.1' : g.ip),
    port: text(g.port === undefined ? 502 : g.port),
    description: text(g.description),
    eqDevice: text(g.eqDevice),
    panelBoard: text(g.panelBoard),
    on: g.on !== false,
  };
}

/** A whole number typed in a field, or the text itself (the server names it as wrong). */
function numberOrText(value) {
  const v = String(value).trim();
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

/** The gateway object to store: the original's other members (devices) kept. */
export function gatewayValue(form, original) {
  const value = { ...(original || {}) };
  value.kind = form.kind;
  value.name = form.name.trim();
  if (form.kind === 'local') delete value.ip; else value.ip = form.ip.trim();
  value.port = numberOrText(form.port);
  value.description = form.description;
  if (form.eqDevice) value.eqDevice = form.eqDevice; else delete value.eqDevice;
  // Manual 7.16.2.1: at most one panel board per gateway, chosen on its settings.
  if (form.panelBoard) value.panelBoard = form.panelBoard; else delete value.panelBoard;
  value.on = form.on;
  if (!Array.isArray(value.devices)) value.devices = [];
  return value;
}

export function deviceForm(device) {
  const d = device || {};
  const generic = d.generic || {};
  const address = text(d.address);
  return {
    family: text(d.family),
    model: text(d.model),
    name: text(d.name),
    description: text(d.description),
    address,
    position: text(d.position),
    concentrator: text(d.concentrator),
    side: text(d.side),
    phase: text(d.phase),
    medium: text(d.medium),
    supply: text(d.supply || 'upstream'),
    remoteId: text(d.remoteId),
    genericFunction: text(generic.function === undefined ? 3 : generic.function),
    genericRegister: text(generic.register),
    genericWords: text(generic.words === undefined ? 2 : generic.words),
    genericMultiplier: text(generic.multiplier === undefined ? 1 : generic.multiplier),
    on: d.on !== false,
    excludeFromTotals: d.excludeFromTotals === true,
    excludeAlerts: d.excludeAlerts === true,
    load: text(d.load),
    groups: Array.isArray(d.groups) ? d.groups.map(String) : [],
  };
}

/** Which fields the form shows for a family and model (manual 7.16.1.3, 7.16.6.2). */
export function deviceFields(form, model) {
  const family = form.family;
  return {
    address: family !== 'wsmeasure',
    position: family === 'pulse-counter',
    concentrator: family === 'pulse-counter',
    medium: family === 'pulse-counter',
    side: family === 'charging-station' && !!(model && model.twoSides),
    phase: family === 'charging-station' && !!(model && model.singlePhase),
    supply: !!(model && model.needsSupply),
    remoteId: family === 'wsmeasure',
    generic: family === 'generic-modbus',
    excludeAlerts: !!(model && model.raisesAlerts),
    // Manual 7.16.2: a device's load and measure groups; water and gas counters go to the
    // Water and Gas loads by themselves, and a WSMEASURE value is the slave's.
    load: family !== 'wsmeasure' && !isWaterOrGas(form, model),
    groups: family !== 'wsmeasure',
  };
}

function isWaterOrGas(form, model) {
  if (form.family !== 'pulse-counter') return false;
  const medium = form.medium || (model && model.medium) || '';
  return medium === 'water' || medium === 'gas';
}

function setOrDrop(value, key, v) {
  if (v === '' || v === null || v === undefined) delete value[key]; else value[key] = v;
}

/** The device object to store: the original's other members (sim, a hidden load) kept. */
export function deviceValue(form, original, model) {
  const shown = deviceFields(form, model);
  const value = { ...(original || {}) };
  value.family = form.family;
  setOrDrop(value, 'model', form.model);
  value.name = form.name.trim();
  value.description = form.description;
  const address = form.address.trim();
  // "2-1": an EMS CX3 in remote addressing mode (device-interface), stored as written.
  if (shown.address) value.address = /^\d+-\d+$/.test(address) ? address : numberOrText(address); else delete value.address;
  setOrDrop(value, 'position', shown.position ? numberOrText(form.position) : '');
  setOrDrop(value, 'concentrator', shown.concentrator ? form.concentrator : '');
  // A counter of one medium (water, gas, electricity counter) counts it unless told otherwise.
  setOrDrop(value, 'medium', shown.medium ? form.medium || (model && model.medium) || '' : '');
  setOrDrop(value, 'side', shown.side ? numberOrText(form.side) : '');
  setOrDrop(value, 'phase', shown.phase ? form.phase : '');
  setOrDrop(value, 'supply', shown.supply ? form.supply : '');
  const remote = form.remoteId.trim();
  setOrDrop(value, 'remoteId', shown.remoteId ? (remote === 'all' ? 'all' : numberOrText(remote)) : '');
  if (shown.generic) {
    value.generic = {
      function: numberOrText(form.genericFunction),
      register: form.genericRegister.trim(),
      words: numberOrText(form.genericWords),
      multiplier: /^-?\d+(\.\d+)?$/.test(form.genericMultiplier.trim()) ? Number(form.genericMultiplier) : form.genericMultiplier.trim(),
    };
  } else {
    delete value.generic;
  }
  if (shown.load) setOrDrop(value, 'load', form.load);
  if (shown.groups) {
    if (form.groups.length) value.groups = [...form.groups]; else delete value.groups;
  }
  value.on = form.on;
  value.excludeFromTotals = form.excludeFromTotals;
  if (shown.excludeAlerts) value.excludeAlerts = form.excludeAlerts; else delete value.excludeAlerts;
  return value;
}

/** The form fields a form with `shown` (deviceFields) displays, each with its refusal. */
export function visibleDeviceFields(shown) {
  const fields = ['family', 'model', 'name', 'description', 'on', 'excludeFromTotals'];
  for (const [field, on] of Object.entries(shown)) {
    if (!on) continue;
    if (field === 'generic') fields.push('genericFunction', 'genericRegister', 'genericWords', 'genericMultiplier');
    else fields.push(field);
  }
  return fields;
}

/** The form field a server field names (e.g. "generic.register" -> "genericRegister"). */
const SERVER_FIELDS = {
  'generic.function': 'genericFunction',
  'generic.register': 'genericRegister',
  'generic.words': 'genericWords',
  'generic.multiplier': 'genericMultiplier',
  interfaceAddress: 'address',
};

/**
 * The server's refusals of a Save as {formField: {key, params}}: a 422's errors under
 * `prefix` ("installation.gateways[1].devices[0]") go next to their field, the others (and
 * 409, 503, ...) to the form's own line, "_form".
 */
export function saveErrors(result, prefix, formFields) {
  const errors = {};
  const add = (field, message) => {
    if (!errors[field]) errors[field] = { key: 'error.invalid', params: { message } };
  };
  if (result.status === 422 && result.data && Array.isArray(result.data.errors)) {
    for (const { field, message } of result.data.errors) {
      const f = String(field || '');
      let local = null;
      if (f === prefix) local = '_form';
      else if (f.startsWith(`${prefix}.`)) {
        const rest = f.slice(prefix.length + 1);
        local = SERVER_FIELDS[rest] || rest.split(/[.[]/)[0];
        if (!formFields.includes(local)) local = '_form';
      } else {
        local = '_form';
      }
      add(local, local === '_form' && f ? `${f}: ${message}` : message);
    }
    return errors;
  }
  if (result.status === 409) {
    errors._form = { key: 'gateways.stale', params: { version: result.data ? result.data.version : '' } };
    return errors;
  }
  errors._form = result.error && result.error.message
    ? { key: 'error.invalid', params: { message: result.error.message } }
    : { key: 'error.server', params: { status: result.status || 0 } };
  return errors;
}
