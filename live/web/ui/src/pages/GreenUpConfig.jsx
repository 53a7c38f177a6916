// Green'Up configuration (manual 7.16.5): the management settings (7.16.5.1: the total meter and
// what it measures, the two current thresholds, hysteresis, the reduction steps, the minimum
// guaranteed charge, ON/OFF of the control logics) and the priority stations (7.16.5.2, with the
// gateway filter). Saved settings act from the next control period.
import { useState } from 'preact/hooks';
import {
  TOTAL_METER_FAMILIES, devicesOf, dlmEdits, dlmForm, priorityEdits, priorityStationsOf, stationsOf,
} from '../lib/site-config.js';
import { useApp } from '../ui/context.js';
import { ConfigPage, FieldMessage } from './SiteConfigParts.jsx';

const NUMBER_FIELDS = [
  { key: 'maxCurrent', label: 'siteCfg.dlm.maxCurrent', unit: 'A' },
  { key: 'maxChargingCurrent', label: 'siteCfg.dlm.maxChargingCurrent', unit: 'A' },
  { key: 'hysteresis', label: 'siteCfg.dlm.hysteresis', unit: '%' },
  { key: 'firstStep', label: 'siteCfg.dlm.firstStep', unit: '%' },
  { key: 'secondStep', label: 'siteCfg.dlm.secondStep', unit: '%' },
  { key: 'minCharge', label: 'siteCfg.dlm.minCharge', unit: 'Ah' },
];

function Management({ scenario, saver }) {
  const { t } = useApp();
  const before = dlmForm(scenario);
  const [form, setForm] = useState(before);
  const meters = devicesOf(scenario).filter((d) => TOTAL_METER_FAMILIES.includes(d.family));
  const set = (patch) => setForm((f) => ({ ...f, ...patch }));
  const submit = (event) => {
    event.preventDefault();
    const edits = dlmEdits(before, form);
    if (!edits.length) {
      saver.setErrors({ _form: { key: 'siteCfg.nothingChanged' } });
      return;
    }
    saver.save(edits, "Green'Up management settings", 'dlm');
  };
  return (
    <form class="dlm-form" onSubmit={submit} noValidate data-test="dlm-management">
      <h2>{t('siteCfg.dlm.management')}</h2>
      <div class="field">
        <label for="dlm-meter">{t('siteCfg.dlm.totalMeter')}</label>
        <select id="dlm-meter" data-test="dlm-totalMeter" value={form.totalMeter} onChange={(e) => set({ totalMeter: e.currentTarget.value })}>
          <option value="">{t('siteCfg.dlm.noMeter')}</option>
          {meters.map((m) => <option key={m.id} value={m.name}>{`${m.name} (${m.gatewayName})`}</option>)}
        </select>
        <FieldMessage message={saver.errors.totalMeter} test="field-error-totalMeter" />
      </div>
      <fieldset class="field">
        <legend>{t('siteCfg.dlm.scope')}</legend>
        <label class="check">
          <input type="radio" name="dlm-scope" data-test="dlm-scope-whole-site" checked={form.scope === 'whole-site'}
            onChange={() => set({ scope: 'whole-site' })} />
          <span>{t('siteCfg.dlm.wholeSite')}</span>
        </label>
        <label class="check">
          <input type="radio" name="dlm-scope" data-test="dlm-scope-charging-only" checked={form.scope === 'charging-only'}
            onChange={() => set({ scope: 'charging-only' })} />
          <span>{t('siteCfg.dlm.chargingOnly')}</span>
        </label>
        <FieldMessage message={saver.errors.scope} test="field-error-scope" />
      </fieldset>
      {NUMBER_FIELDS.map((f) => (
        <div class="field" key={f.key}>
          <label for={`dlm-${f.key}`}>{`${t(f.label)} (${f.unit})`}</label>
          <input id={`dlm-${f.key}`} data-test={`dlm-${f.key}`} type="text" inputMode="decimal" size={8}
            value={form[f.key]} onInput={(e) => set({ [f.key]: e.currentTarget.value })} />
          <FieldMessage message={saver.errors[f.key]} test={`field-error-${f.key}`} />
        </div>
      ))}
      <p class="hint">{t('siteCfg.dlm.defaultsHint')}</p>
      <div class="field">
        <label class="check">
          <input type="checkbox" role="switch" data-test="dlm-on" checked={form.on} onChange={(e) => set({ on: e.currentTarget.checked })} />
          <span>{t('siteCfg.dlm.on')}</span>
        </label>
        <FieldMessage message={saver.errors.on} test="field-error-on" />
      </div>
      <details class="field">
        <summary data-test="dlm-advanced">{t('siteCfg.dlm.advanced')}</summary>
        <label class="check">
          <input type="checkbox" data-test="dlm-loadControl" checked={form.loadControl} onChange={(e) => set({ loadControl: e.currentTarget.checked })} />
          <span>{t('siteCfg.dlm.loadControl')}</span>
        </label>
        <label class="check">
          <input type="checkbox" data-test="dlm-controlLogic" checked={form.controlLogic} onChange={(e) => set({ controlLogic: e.currentTarget.checked })} />
          <span>{t('siteCfg.dlm.controlLogic')}</span>
        </label>
      </details>
      <p class="hint">{t('siteCfg.dlm.nextPeriod')}</p>
      <div class="actions">
        <button type="submit" class="button primary" data-test="dlm-save" disabled={saver.busy}>{t('siteCfg.save')}</button>
      </div>
    </form>
  );
}

function PriorityStations({ scenario, saver }) {
  const { t } = useApp();
  const [gateway, setGateway] = useState('all');
  const stations = stationsOf(scenario);
  const priority = new Set(priorityStationsOf(scenario));
  const gateways = [...new Map(stations.map((s) => [s.gateway, s.gatewayName])).entries()];
  const shown = stations.filter((s) => gateway === 'all' || String(s.gateway) === gateway);
  return (
    <section data-test="dlm-priority">
      <h2>{t('siteCfg.dlm.priorityStations')}</h2>
      <div class="field">
        <label for="dlm-station-filter">{t('siteCfg.dlm.filter')}</label>
        <select id="dlm-station-filter" data-test="dlm-station-filter" value={gateway} onChange={(e) => setGateway(e.currentTarget.value)}>
          <option value="all">{t('siteCfg.dlm.allDevices')}</option>
          {gateways.map(([g, name]) => <option key={g} value={String(g)}>{name}</option>)}
        </select>
      </div>
      {stations.length ? null : <p data-test="dlm-no-stations">{t('siteCfg.dlm.noStations')}</p>}
      <ul class="entry-list">
        {shown.map((s) => {
          const on = priority.has(s.name);
          return (
            <li key={s.id} class="station-priority">
              <span class="device-address">{String(s.spec.side ? `${s.spec.address}-${s.spec.side}` : s.spec.address)}</span>
              <span class="entry-name">{s.name}</span>
              <button type="button" role="switch" aria-checked={on ? 'true' : 'false'} data-test={`priority-${s.name}`}
                class={`button small ${on ? 'primary' : 'secondary'}`} disabled={saver.busy}
                onClick={() => saver.save(priorityEdits(scenario, s.name, !on), `${s.name}: ${on ? 'normal' : 'priority'}`, 'dlm')}>
                {on ? t('siteCfg.dlm.priority') : t('siteCfg.dlm.normal')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function GreenUpConfig() {
  return (
    <ConfigPage test="site-green-up">
      {(config, saver) => (
        <div class="split">
          <Management key={`m-${config.version}`} scenario={config.scenario} saver={saver} />
          <PriorityStations scenario={config.scenario} saver={saver} />
        </div>
      )}
    </ConfigPage>
  );
}
