// Gateways and devices, the devices' part (manual 7.16.1.3-7.16.1.5, 7.16.6.2): section A lists
// the gateway's devices (address, address-position, address-side or 247-Remote ID, name,
// state) with the capacity left, section B is the selected (or new) device's settings: family,
// model, the fields that model needs, name, description, Save, Test, ON/OFF, Advanced, Delete.
// After a side of an old-range two-sided station is saved, the other side is offered.
import { useEffect, useState } from 'preact/hooks';
import {
  deviceFields, deviceForm, devicePath, devicesPath, deviceValue, familyOf, gatewayPath, gatewaysOf, modelOf,
  namesOf, visibleDeviceFields,
} from '../lib/config-devices.js';
import { listRows, MAX_GROUPS_PER_DEVICE } from '../lib/site-config.js';
import { Field, FieldError, OnOffButton, TestButton } from '../ui/ConfigFields.jsx';
import { useApp } from '../ui/context.js';
import { Link, navigate } from '../ui/router.jsx';
import { ErrorLine } from '../ui/Shell.jsx';
import { useConfigForm } from '../ui/useConfigForm.js';
import { useConfiguration } from '../ui/useConfiguration.js';

/** The families' names (manual 5): the catalogue's ids, the catalogues' words. */
const FAMILY_KEYS = {
  'energy-counter': 'gateways.family.energyCounter',
  'multifunction-meter': 'gateways.family.multifunctionMeter',
  'ems-measure': 'gateways.family.emsMeasure',
  'ems-state-control': 'gateways.family.emsStateControl',
  'pulse-counter': 'gateways.family.pulseCounter',
  'breaker': 'gateways.family.breaker',
  'power-supervision': 'gateways.family.powerSupervision',
  'charging-station': 'gateways.family.chargingStation',
  'generic-modbus': 'gateways.family.genericModbus',
  'wsmeasure': 'gateways.family.wsmeasure',
};
const MEDIUM_KEYS = {
  '': 'gateways.none', electricity: 'gateways.medium.electricity', water: 'gateways.medium.water', gas: 'gateways.medium.gas',
};

/** The address as the device selection button shows it (manual 7.16.1.4, 7.16.6.2). */
function addressLabel(device, virtualAddress) {
  if (device.family === 'wsmeasure') return `${virtualAddress}-${device.remoteId === 'all' ? 29999 : device.remoteId}`;
  if (device.position !== undefined) return `${device.address}-${device.position}`;
  if (device.side !== undefined) return `${device.address}-${device.side}`;
  return String(device.address);
}

function DeviceList({ configuration, catalogue, g, selected }) {
  const { t } = useApp();
  const gateway = gatewaysOf(configuration)[g];
  const names = namesOf(configuration, g);
  const { capacity } = configuration;
  const onGateway = (gateway.devices || []).length;
  const full = capacity.used >= capacity.devices || onGateway >= capacity.devicesPerGateway;
  return (
    <section class="config-list" aria-label={t('gateways.devicesTitle')}>
      <p data-test="capacity">{t('gateways.capacity', {
        used: capacity.used, max: capacity.devices, onGateway, perGateway: capacity.devicesPerGateway,
      })}</p>
      <ul class="device-list" data-test="device-list">
        {(gateway.devices || []).map((device, d) => (
          <li key={d}>
            <Link href={devicePath(g, d)} class={`device-button${selected === d ? ' selected' : ''}`}
              data-test={`device-${d}`} data-on={device.on === false ? 'false' : 'true'}>
              <span class="device-address">{addressLabel(device, catalogue.virtualDeviceAddress)}</span>
              <span class="device-name" data-test="device-name">{names.devices[d] ? names.devices[d].name : device.name}</span>
              <span class="device-model">{device.model || t('gateways.configuration')}</span>
              <span class="device-state">{device.on === false ? t('gateways.off') : t('gateways.on')}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p class="actions">
        {full ? <span class="hint" data-test="capacity-full">{t('gateways.full')}</span> : (
          <Link href={`${devicesPath(g)}/new`} class="button primary" data-test="device-add">{t('gateways.addDevice')}</Link>
        )}
        <Link href={gatewayPath(g)} class="button secondary" data-test="back-gateway">{t('gateways.backGateway')}</Link>
      </p>
    </section>
  );
}

/** The measure groups a device belongs to (manual 7.16.2.3: at most 5), as check boxes. */
function DeviceGroups({ configuration, form, set, errors, busy }) {
  const { t } = useApp();
  const groups = listRows(configuration.scenario, 'groups').filter((r) => r.enabled || form.groups.includes(r.name));
  const full = form.groups.length >= MAX_GROUPS_PER_DEVICE;
  const toggle = (name, on) => set('groups', on ? [...form.groups, name] : form.groups.filter((g) => g !== name));
  return (
    <fieldset class="field" data-test="cfg-groups">
      <legend>{t('devform.groups')}</legend>
      {groups.length === 0 ? <p class="hint" data-test="no-groups">{t('devform.noGroups')}</p> : groups.map((r) => {
        const on = form.groups.includes(r.name);
        return (
          <label class="check" key={r.key}>
            <input type="checkbox" data-test="cfg-group" value={r.name} checked={on} disabled={busy || (!on && full)}
              onChange={(e) => toggle(r.name, e.currentTarget.checked)} />
            {r.name}
          </label>
        );
      })}
      <p class="hint">{t('devform.groupsHint', { max: MAX_GROUPS_PER_DEVICE })}</p>
      <FieldError field="groups" errors={errors} />
    </fieldset>
  );
}

/** @param {{gateway: string, device?: string, mode: 'list' | 'new' | 'edit' | 'advanced'}} props */
export function GatewayDevices({ gateway, device, mode }) {
  const { t, api } = useApp();
  const { configuration, catalogue, loadError, save } = useConfiguration(api);
  const g = Number(gateway);
  const d = mode === 'edit' || mode === 'advanced' ? Number(device) : -1;
  const { form, setForm, set, errors, busy, notice, setNotice, send: sendForm } = useConfigForm(save);
  const [otherSide, setOtherSide] = useState(null);
  const gatewayEntry = gatewaysOf(configuration)[g];
  const original = gatewayEntry && d >= 0 ? (gatewayEntry.devices || [])[d] : null;

  useEffect(() => {
    if (!configuration || !gatewayEntry) return;
    if (mode === 'new') {
      // Once: a save reloads the configuration, and the other side of a station is prefilled.
      if (!form) setForm(deviceForm({ family: gatewayEntry.kind === 'virtual' ? 'wsmeasure' : 'energy-counter' }));
    } else {
      setForm(original ? deviceForm(original) : null);
    }
  }, [configuration, mode, gateway, device]);

  if (loadError) return <ErrorLine message={loadError} test="form-error" />;
  if (!configuration || !catalogue) return <div class="loading" aria-busy="true" data-test="loading" />;
  if (!gatewayEntry || (d >= 0 && !original)) {
    return <ErrorLine message={{ key: 'gateways.noDevice', params: { gateway, device: device || '' } }} test="form-error" />;
  }

  const names = namesOf(configuration, g);
  const devices = gatewayEntry.devices || [];
  const base = `installation.gateways[${g}]`;
  const prefix = mode === 'new' ? `${base}.devices[${devices.length}]` : `${base}.devices[${d}]`;
  const model = form ? modelOf(catalogue, form.family, form.model) : null;
  const shown = form ? deviceFields(form, model) : {};

  const send = (edits, summary, next = null) => sendForm(edits, summary, prefix, visibleDeviceFields(shown), next);

  const submit = async (event) => {
    event.preventDefault();
    const shownName = d >= 0 && names.devices[d] ? names.devices[d].name : '';
    if (mode === 'new') {
      // After a side of an old-range two-sided station, the other side is offered (7.16.1.3)
      // unless it is configured already.
      const other = form.side === '1' ? '2' : '1';
      const twoSided = model && model.twoSides && (form.side === '1' || form.side === '2')
        && !devices.some((e) => String(e.address) === form.address.trim() && String(e.side) === other);
      const ok = await send([{ op: 'append', path: `${base}.devices`, value: deviceValue(form, {}, model) }],
        `add device ${form.name || form.address} to gateway ${names.name}`, twoSided ? null : devicePath(g, devices.length));
      if (ok && twoSided) setOtherSide({ ...form, side: other, name: '', phase: '' });
      return;
    }
    const edits = [{ op: 'set', path: prefix, value: deviceValue(form, original, model) }];
    // The gateway's EQ device follows its device's new name.
    if (gatewayEntry.eqDevice && gatewayEntry.eqDevice === shownName && form.name.trim() && form.name.trim() !== shownName) {
      edits.push({ op: 'set', path: `${base}.eqDevice`, value: form.name.trim() });
    }
    await send(edits, `device ${shownName} settings`);
  };

  const toggle = () => send([{ op: 'set', path: `${prefix}.on`, value: !(original.on !== false) }],
    `device ${names.devices[d].name} ${original.on === false ? 'ON' : 'OFF'}`);

  const families = (catalogue.families || []).filter((f) => (gatewayEntry.kind === 'virtual'
    ? f.family === 'wsmeasure' : f.family !== 'wsmeasure'));
  const familyEntry = form ? familyOf(catalogue, form.family) : null;
  const modelOptions = [{ value: '', label: t('gateways.configuration') },
    ...((familyEntry && familyEntry.models) || []).map((m) => ({ value: m.model, label: `${m.model} - ${m.description}` }))];

  if (otherSide) {
    return (
      <div class="config-page">
        <div role="dialog" aria-modal="true" aria-labelledby="other-side-title" class="config-dialog" data-test="other-side">
          <p id="other-side-title">{t('gateways.otherSide', { side: otherSide.side })}</p>
          <div class="actions">
            <button type="button" class="button primary" data-test="other-side-yes"
              onClick={() => { setForm(otherSide); setOtherSide(null); setNotice(null); }}>{t('gateways.yes')}</button>
            <button type="button" class="button secondary" data-test="other-side-no"
              onClick={() => { setOtherSide(null); navigate(devicesPath(g)); }}>{t('gateways.no')}</button>
          </div>
        </div>
      </div>
    );
  }

  return (
    <div class="config-page">
      <h2 data-test="gateway-title">{t('gateways.devicesOf', { gateway: names.name })}</h2>
      {notice ? <p class="notice" role="status" data-test="cfg-saved">{t(notice)}</p> : null}
      <DeviceList configuration={configuration} catalogue={catalogue} g={g} selected={d} />
      {form && mode === 'advanced' ? (
        <form class="config-form" data-test="advanced-form" noValidate aria-busy={busy ? 'true' : 'false'}
          onSubmit={(e) => { e.preventDefault(); send([{ op: 'set', path: prefix, value: deviceValue(form, original, model) }], `device ${names.devices[d].name} advanced options`); }}>
          <h2>{t('gateways.advancedTitle', { device: names.devices[d].name })}</h2>
          <label class="check">
            <input type="checkbox" data-test="cfg-excludeFromTotals" checked={form.excludeFromTotals} disabled={busy}
              onChange={(e) => set('excludeFromTotals', e.currentTarget.checked)} />
            {t('gateways.excludeFromTotals')}
          </label>
          <p class="hint">{t('gateways.excludeFromTotalsHint')}</p>
          <FieldError field="excludeFromTotals" errors={errors} />
          {shown.excludeAlerts ? (
            <label class="check">
              <input type="checkbox" data-test="cfg-excludeAlerts" checked={form.excludeAlerts} disabled={busy}
                onChange={(e) => set('excludeAlerts', e.currentTarget.checked)} />
              {t('gateways.excludeAlerts')}
            </label>
          ) : <p class="hint" data-test="no-alerts">{t('gateways.noAlerts')}</p>}
          <FieldError field="excludeAlerts" errors={errors} />
          <FieldError field="_form" errors={errors} />
          <div class="actions">
            <button type="submit" class="button primary" data-test="cfg-save" disabled={busy}>{t('gateways.save')}</button>
            <Link href={devicePath(g, d)} class="button secondary" data-test="cfg-cancel">{t('common.back')}</Link>
          </div>
        </form>
      ) : null}
      {form && mode !== 'advanced' ? (
        <form class="config-form" onSubmit={submit} noValidate aria-busy={busy ? 'true' : 'false'} data-test="device-form">
          <h2>{mode === 'new' ? t('gateways.newDevice') : t('gateways.deviceSettings')}</h2>
          <Field id="family" label={t('gateways.family')} value={form.family} errors={errors} disabled={busy}
            onInput={(v) => setForm((f) => ({ ...f, family: v, model: '' }))}
            options={families.map((f) => ({ value: f.family, label: FAMILY_KEYS[f.family] ? t(FAMILY_KEYS[f.family]) : f.family }))} />
          <Field id="model" label={t('gateways.model')} value={form.model} errors={errors} disabled={busy}
            onInput={(v) => {
              set('model', v);
              // A water, gas or electricity counter counts its own medium unless told otherwise.
              const picked = modelOf(catalogue, form.family, v);
              if (picked && picked.medium) set('medium', picked.medium);
            }} options={modelOptions} />
          {shown.address ? (
            <Field id="address" label={t('gateways.address')} value={form.address} errors={errors} disabled={busy}
              hint={form.family.startsWith('ems-') ? t('gateways.addressEms') : null} onInput={(v) => set('address', v)} />
          ) : <p class="hint" data-test="address-fixed">{t('gateways.addressVirtual', { address: catalogue.virtualDeviceAddress })}</p>}
          {shown.position ? (
            <Field id="position" label={t('gateways.position')} value={form.position} errors={errors} disabled={busy}
              onInput={(v) => set('position', v)} />
          ) : null}
          {shown.concentrator ? (
            <Field id="concentrator" label={t('gateways.concentrator')} value={form.concentrator} errors={errors}
              disabled={busy} onInput={(v) => set('concentrator', v)}
              options={[{ value: '', label: t('gateways.none') },
                ...catalogue.concentrators.map((c) => ({ value: c.model, label: `${c.model} - ${c.description}` }))]} />
          ) : null}
          {shown.medium ? (
            <Field id="medium" label={t('gateways.medium')} value={form.medium} errors={errors} disabled={busy}
              onInput={(v) => set('medium', v)}
              options={Object.entries(MEDIUM_KEYS).map(([m, key]) => ({ value: m, label: t(key) }))} />
          ) : null}
          {shown.side ? (
            <Field id="side" label={t('gateways.side')} value={form.side} errors={errors} disabled={busy}
              onInput={(v) => set('side', v)}
              options={['', '1', '2'].map((s) => ({ value: s, label: s || t('gateways.none') }))} />
          ) : null}
          {shown.phase ? (
            <Field id="phase" label={t('gateways.phase')} value={form.phase} errors={errors} disabled={busy}
              onInput={(v) => set('phase', v)}
              options={['', 'L1', 'L2', 'L3'].map((p) => ({ value: p, label: p || t('gateways.none') }))} />
          ) : null}
          {shown.supply ? (
            <Field id="supply" label={t('gateways.supply')} value={form.supply} errors={errors} disabled={busy}
              onInput={(v) => set('supply', v)}
              options={[{ value: 'upstream', label: t('gateways.supply.upstream') },
                { value: 'downstream', label: t('gateways.supply.downstream') }]} />
          ) : null}
          {shown.remoteId ? (
            <div class="field-row">
              <Field id="remoteId" label={t('gateways.remoteId')} value={form.remoteId} errors={errors} disabled={busy}
                hint={t('gateways.remoteIdHint')} onInput={(v) => set('remoteId', v)} />
              <button type="button" class="button secondary small" data-test="cfg-remote-all" disabled={busy}
                onClick={() => set('remoteId', '29999')}>{t('gateways.all')}</button>
            </div>
          ) : null}
          {shown.generic ? (
            <fieldset class="field" data-test="generic-fields">
              <legend>{t('gateways.generic')}</legend>
              <Field id="genericFunction" label={t('gateways.generic.function')} value={form.genericFunction}
                errors={errors} disabled={busy} onInput={(v) => set('genericFunction', v)}
                options={[{ value: '3', label: '3' }, { value: '4', label: '4' }]} />
              <Field id="genericRegister" label={t('gateways.generic.register')} value={form.genericRegister}
                errors={errors} disabled={busy} hint={t('gateways.generic.registerHint')}
                onInput={(v) => set('genericRegister', v)} />
              <Field id="genericWords" label={t('gateways.generic.words')} value={form.genericWords} errors={errors}
                disabled={busy} onInput={(v) => set('genericWords', v)} />
              <Field id="genericMultiplier" label={t('gateways.generic.multiplier')} value={form.genericMultiplier}
                errors={errors} disabled={busy} onInput={(v) => set('genericMultiplier', v)} />
            </fieldset>
          ) : null}
          <Field id="name" label={t('gateways.name')} value={form.name} errors={errors} disabled={busy}
            hint={t('gateways.deviceNameDefault')} onInput={(v) => set('name', v)} />
          <Field id="description" label={t('gateways.description')} value={form.description} errors={errors}
            disabled={busy} onInput={(v) => set('description', v)} />
          {shown.load ? (
            <Field id="load" label={t('devform.load')} value={form.load} errors={errors} disabled={busy}
              onInput={(v) => set('load', v)}
              options={[{ value: '', label: t('devform.loadOthers') },
                ...listRows(configuration.scenario, 'loads').filter((r) => r.enabled || r.name === form.load)
                  .map((r) => ({ value: r.name, label: r.name }))]} />
          ) : null}
          {shown.groups ? (
            <DeviceGroups configuration={configuration} form={form} set={set} errors={errors} busy={busy} />
          ) : null}
          <FieldError field="on" errors={errors} />
          <FieldError field="excludeFromTotals" errors={errors} />
          <FieldError field="excludeAlerts" errors={errors} />
          <FieldError field="_form" errors={errors} />
          <div class="actions">
            <button type="submit" class="button primary" data-test="cfg-save" disabled={busy}>{t('gateways.save')}</button>
            {mode === 'edit' ? (
              <>
                <TestButton api={api} path="/configuration/test/device" body={{ gateway: g, device: d }} />
                <OnOffButton on={original.on !== false} onToggle={toggle} disabled={busy} />
                <Link href={`${devicePath(g, d)}/advanced`} class="button secondary" data-test="cfg-advanced">{t('gateways.advanced')}</Link>
                <Link href={`${devicePath(g, d)}/delete`} class="button secondary" data-test="cfg-delete">{t('gateways.delete')}</Link>
              </>
            ) : (
              <Link href={devicesPath(g)} class="button secondary" data-test="cfg-cancel">{t('common.cancel')}</Link>
            )}
          </div>
        </form>
      ) : null}
    </div>
  );
}
