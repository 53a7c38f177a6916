// Green'Up (manual 8.3): the site's zone and current against its limits; the stations by group,
// priority or all; per station the Details (station, charge, about, 8.3.1) and the Management of
// its current charge (Start/Wait, Normal/Priority, 8.3.2), sent to the DLM controller. The page
// follows the stack's snapshots over the Green'Up stream.
import { useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors.js';
import { filterChoices, filterDevices, formatValue, labelKey, managementState } from '../lib/live.js';
import { useApp } from '../ui/context.js';
import { ErrorLine } from '../ui/Shell.jsx';
import { Outcome } from '../ui/CommandOutcome.jsx';
import { useCommand } from '../ui/useCommand.js';
import { useLive } from '../ui/useLive.js';
import { useRevealOnPhone } from '../ui/useRevealOnPhone.js';
import { DeviceButton } from './DeviceButton.jsx';

function SiteZone({ dlm }) {
  const { t, lang } = useApp();
  if (!dlm) return <p class="notice" data-test="dlm-off">{t('greenUp.dlmOff')}</p>;
  const worst = Math.max(...dlm.currentsA);
  return (
    <section class={`zone zone-${dlm.zone}`} data-test="dlm-zone" data-zone={dlm.zone}>
      <p><strong>{t('greenUp.zone')}: {t(labelKey('zone', dlm.zone))}</strong></p>
      <table class="table values-table">
        <tbody>
          {dlm.currentsA.map((a, i) => (
            <tr key={i}>
              <th scope="row">{`I L${i + 1}`}</th>
              <td class="number" data-test={`site-current-${i + 1}`}>{dlm.meterValid ? formatValue(a, lang) : '—'}</td>
              <td class="unit">{'A'}</td>
            </tr>
          ))}
          <tr><th scope="row">{t('greenUp.maxCharging')}</th><td class="number" data-test="limit-charging">{formatValue(dlm.maxChargingCurrentA, lang)}</td><td class="unit">{'A'}</td></tr>
          <tr><th scope="row">{t('greenUp.maxCurrent')}</th><td class="number" data-test="limit-max">{formatValue(dlm.maxCurrentA, lang)}</td><td class="unit">{'A'}</td></tr>
        </tbody>
      </table>
      <meter min="0" max={dlm.maxCurrentA} low={dlm.maxChargingCurrentA} high={dlm.maxCurrentA} value={dlm.meterValid ? worst : 0}
        data-test="site-meter" />
    </section>
  );
}

/** The charge state and the priority symbol of a station's button (8.3.2). */
function StationSymbols({ station }) {
  const { t } = useApp();
  return (
    <>
      <span class={`charge charge-${station.state || 'unknown'}`} data-test={`station-state-${station.id}`}>
        {station.state ? t(labelKey('stationState', station.state)) : '—'}
      </span>
      {station.session && station.session.priority ? (
        <abbr class="priority" title={t('greenUp.priority')} data-test={`station-priority-${station.id}`}>{'P'}</abbr>
      ) : null}
    </>
  );
}

function Details({ station }) {
  const { t, lang } = useApp();
  const [tab, setTab] = useState('station');
  const session = station.session;
  const row = (label, value, test) => <tr><th scope="row">{label}</th><td data-test={test}>{value}</td></tr>;
  const yesNo = (v) => (v === null || v === undefined ? '—' : v ? t('greenUp.yes') : t('greenUp.no'));
  return (
    <div>
      <div class="tabs" role="tablist">
        {['station', 'charge', 'about'].map((id) => (
          <button type="button" role="tab" key={id} aria-selected={id === tab} class={id === tab ? 'tab active' : 'tab'}
            data-test={`details-tab-${id}`} onClick={() => setTab(id)}>
            {id === 'station' ? t('greenUp.details.station') : id === 'charge' ? t('greenUp.details.charge') : t('greenUp.details.about')}
          </button>
        ))}
      </div>
      <table class="table values-table">
        <tbody>
          {tab === 'station' ? [
            row(t('greenUp.status'), t(labelKey('status', station.status)), 'detail-status'),
            row(t('greenUp.managed'), yesNo(!!session), 'detail-managed'),
            row(t('panel.tab.stationErrors'), station.stationError === null ? '—' : t(labelKey('stationError', station.stationError) || 'panel.noValues'), 'detail-station-error'),
            row(t('panel.evPlug'), yesNo(station.evPlugEnabled === null ? null : station.evPlugEnabled === 1), 'detail-ev-plug'),
            row(t('panel.domesticPlug'), yesNo(station.domesticPlugEnabled === null ? null : station.domesticPlugEnabled === 1), 'detail-domestic-plug'),
          ] : null}
          {tab === 'charge' ? [
            row(t('panel.stationState'), station.state ? t(labelKey('stationState', station.state)) : '—', 'detail-state'),
            row(t('panel.tab.chargeErrors'), station.chargeError === null ? '—' : t(labelKey('chargeError', station.chargeError) || 'panel.noValues'), 'detail-charge-error'),
            row('I L1 / L2 / L3 (A)', station.currentsA.map((a) => formatValue(a, lang)).join(' / '), 'detail-currents'),
            row(t('greenUp.setpoint'), `${formatValue(station.setpointA, lang)} A`, 'detail-setpoint'),
            row(t('greenUp.sessionEnergy'), `${formatValue(station.sessionEnergyWh === null ? null : station.sessionEnergyWh / 1000, lang)} kWh`, 'detail-session-energy'),
            row(t('greenUp.level'), session ? t(labelKey('level', session.level)) : '—', 'detail-level'),
            row(t('greenUp.charge'), session ? `${formatValue(session.chargeAh, lang)} Ah` : '—', 'detail-charge-ah'),
          ] : null}
          {tab === 'about' ? [
            row(t('greenUp.model'), station.model || '—', 'detail-model'),
            row(t('greenUp.address'), station.address, 'detail-address'),
            row(t('greenUp.gateway'), station.gateway, 'detail-gateway'),
            row(t('greenUp.rated'), `${formatValue(station.ratedCurrentA, lang)} A`, 'detail-rated'),
            row(t('greenUp.phases'), station.phases === null ? '—' : String(station.phases), 'detail-phases'),
            row(t('greenUp.defaultPriority'), yesNo(session ? session.defaultPriority : null), 'detail-default-priority'),
          ] : null}
        </tbody>
      </table>
    </div>
  );
}

function Management({ station }) {
  const { t, api } = useApp();
  const { busy, outcome, send } = useCommand(api, `/green-up/stations/${station.id}/session`);
  const state = managementState(station);
  return (
    <div class="management" data-test="management">
      {!state.active ? <p data-test="management-idle">{t('greenUp.noCharge')}</p> : null}
      <div class="segmented" role="group" aria-label={t('greenUp.startWait')}>
        <button type="button" data-test="session-start" aria-pressed={state.startWait === 'start' ? 'true' : 'false'}
          class={state.startWait === 'start' ? 'button primary small' : 'button secondary small'}
          disabled={busy || !state.active} onClick={() => send({ start: true })}>{t('greenUp.start')}</button>
        <button type="button" data-test="session-wait" aria-pressed={state.startWait === 'wait' ? 'true' : 'false'}
          class={state.startWait === 'wait' ? 'button primary small' : 'button secondary small'}
          disabled={busy || !state.active} onClick={() => send({ start: false })}>{t('greenUp.wait')}</button>
      </div>
      <div class="segmented" role="group" aria-label={t('greenUp.priorityLabel')}>
        <button type="button" data-test="session-normal" aria-pressed={state.priority === false ? 'true' : 'false'}
          class={state.priority === false ? 'button primary small' : 'button secondary small'}
          disabled={busy || !state.active} onClick={() => send({ priority: false })}>{t('greenUp.normal')}</button>
        <button type="button" data-test="session-priority" aria-pressed={state.priority === true ? 'true' : 'false'}
          class={state.priority === true ? 'button primary small' : 'button secondary small'}
          disabled={busy || !state.active} onClick={() => send({ priority: true })}>{t('greenUp.priority')}</button>
      </div>
      <p class="hint">{t('greenUp.currentOnly')}</p>
      <Outcome outcome={outcome} test="session" />
    </div>
  );
}

export function GreenUp() {
  const { t, api } = useApp();
  const { data, error } = useLive(api, '/green-up');
  const [view, setView] = useState('management');
  const [filter, setFilter] = useState('all');
  const [selected, setSelected] = useState(null);
  const detail = useRevealOnPhone(selected);
  if (error) return <ErrorLine message={errorMessage(error)} test="page-error" />;
  if (!data) return <div class="loading" aria-busy="true" data-test="loading" />;
  const stations = filterDevices(data.stations, filter);
  const station = data.stations.find((s) => s.id === selected) || null;
  return (
    <div class="green-up">
      <SiteZone dlm={data.dlm} />
      <div class="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={view === 'details'} class={view === 'details' ? 'tab active' : 'tab'}
          data-test="view-details" onClick={() => setView('details')}>{t('greenUp.detailsView')}</button>
        <button type="button" role="tab" aria-selected={view === 'management'} class={view === 'management' ? 'tab active' : 'tab'}
          data-test="view-management" onClick={() => setView('management')}>{t('greenUp.managementView')}</button>
      </div>
      <div class="panel-board">
        <section class="panel-list" aria-label={t('greenUp.stations')}>
          <div class="field">
            <label for="station-filter">{t('panel.show')}</label>
            <select id="station-filter" data-test="station-filter" value={filter} onChange={(e) => setFilter(e.target.value)}>
              <option value="all">{t('panel.allDevices')}</option>
              {view === 'management' ? <option value="priority">{t('greenUp.priorityStations')}</option> : null}
              {filterChoices(data.stations).groups.map((g) => <option key={g} value={`group:${g}`}>{t('greenUp.byGroup', { name: g })}</option>)}
            </select>
          </div>
          {stations.length === 0 ? <p data-test="stations-empty">{t('panel.noDevice')}</p> : null}
          <ul class="device-buttons" data-test="station-buttons">
            {stations.map((s) => (
              <li key={s.id}>
                <DeviceButton device={s} selected={s.id === selected} onSelect={() => setSelected(s.id)}
                  extra={<StationSymbols station={s} />} />
              </li>
            ))}
          </ul>
        </section>
        {station === null ? <p class="hint" data-test="station-select">{t('greenUp.select')}</p> : (
          <section class="panel-detail" data-test="station-detail" ref={detail}>
            <h2 data-test="station-detail-name">{station.name}</h2>
            {view === 'details' ? <Details station={station} /> : <Management key={station.id} station={station} />}
          </section>
        )}
      </div>
    </div>
  );
}
