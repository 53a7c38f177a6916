// My panel board (manual 8.2.1): section A the device buttons (by gateway, panel board or all),
// section B the pages of the selected device, section C its values and commands. The buttons
// follow the stack's snapshots over the overview's stream; the selected device's values are
// fetched again at each new snapshot. Every command is a register write through the poller
// (POST .../commands); its outcome, or the error, is shown.
import { useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors.js';
import { channels, filterChoices, filterDevices, formatValue, labelKey, measureSections, supervisionOutputs } from '../lib/live.js';
import { useApp } from '../ui/context.js';
import { ErrorLine } from '../ui/Shell.jsx';
import { Outcome } from '../ui/CommandOutcome.jsx';
import { useCommand } from '../ui/useCommand.js';
import { useLive } from '../ui/useLive.js';
import { useLiveDevice } from '../ui/useLiveDevice.js';
import { useRevealOnPhone } from '../ui/useRevealOnPhone.js';
import { DeviceButton } from './DeviceButton.jsx';

/** The pages of section B a device has, by what its values and commands hold. */
function tabsOf(device) {
  const values = device.values || {};
  const names = Object.keys(values);
  if (device.family === 'charging-station') return ['stationErrors', 'chargeErrors', 'commands'];
  if (device.family === 'power-supervision') {
    return names.some((q) => q.startsWith('input.') || q.startsWith('analogInput.'))
      ? ['inputs', 'outputs', 'configuration'] : ['outputs', 'configuration'];
  }
  const tabs = [];
  if (device.functions.includes('measure')) tabs.push('measure');
  if (device.functions.includes('state') || device.functions.includes('command')) tabs.push('state');
  return tabs.length ? tabs : ['measure'];
}

function MeasureTab({ device }) {
  const { t, lang } = useApp();
  const sections = measureSections(device);
  if (!sections.length) return <p data-test="measure-empty">{t('panel.noValues')}</p>;
  return (
    <div class="measure">
      {sections.map((section) => (
        <section key={section.id} class="measure-section" data-test={`measure-${section.id}`}>
          <h3>{t(labelKey('measure', section.id))}</h3>
          <table class="table values-table">
            <tbody>
              {section.rows.map((row) => (
                <tr key={row.quantity} data-test={`value-${row.quantity}`} class={row.stale ? 'stale' : ''}>
                  <th scope="row">{row.symbol}</th>
                  <td class="number" data-test={`value-text-${row.quantity}`}>{formatValue(row.value, lang)}</td>
                  <td class="unit">{row.unit}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

function StateTab({ device, command }) {
  const { t } = useApp();
  const values = device.values || {};
  const inputs = channels(values, /^state\.input\.(\d+)$/);
  const feedback = channels(values, /^state\.output\.(\d+)$/);
  const orders = device.commands.filter((q) => /^command\.output\.\d+$/.test(q));
  return (
    <div class="state-tab">
      {device.breakerState ? (
        <p data-test="state-breaker">{t('panel.breaker')}: <strong>{t(labelKey('breaker', device.breakerState))}</strong></p>
      ) : null}
      {inputs.map((c) => (
        <p key={`i${c.n}`} data-test={`state-input-${c.n}`}>{t('panel.input', { n: c.n })}: {c.value ? t('panel.closed') : t('panel.open')}</p>
      ))}
      {feedback.map((c) => (
        <p key={`o${c.n}`} data-test={`state-output-${c.n}`}>{t('panel.output', { n: c.n })}: {c.value ? t('panel.on') : t('panel.off')}</p>
      ))}
      {orders.map((q) => {
        const n = q.split('.').pop();
        return (
          <div class="actions" key={q}>
            <button type="button" class="button primary small" data-test={`command-on-${n}`} disabled={command.busy}
              onClick={() => command.send({ writes: [{ quantity: q, value: 1 }] })}>{t('panel.commandOn', { n })}</button>
            <button type="button" class="button secondary small" data-test={`command-off-${n}`} disabled={command.busy}
              onClick={() => command.send({ writes: [{ quantity: q, value: 0 }] })}>{t('panel.commandOff', { n })}</button>
          </div>
        );
      })}
    </div>
  );
}

function CodeList({ device, quantity, table }) {
  const { t } = useApp();
  const value = device.values && device.values[quantity];
  const key = value ? labelKey(table, value.value) : null;
  if (!key) return <p data-test={`${table}-none`}>{t('panel.noValues')}</p>;
  return <p data-test={table} data-code={value.value}><strong>{t(key)}</strong></p>;
}

function StationCommands({ device, command }) {
  const { t } = useApp();
  const values = device.values || {};
  const plugs = ['evPlugEnabled', 'domesticPlugEnabled'].filter((p) => device.commands.includes(`station.${p}`));
  return (
    <div class="station-commands">
      {values['station.state'] ? (
        <p data-test="station-state">{t('panel.stationState')}: <strong>{t(labelKey('stationState', values['station.state'].value))}</strong></p>
      ) : null}
      {plugs.map((plug) => {
        const enabled = values[`station.${plug}`] && values[`station.${plug}`].value === 1;
        return (
          <div class="plug" key={plug}>
            <span data-test={`plug-state-${plug}`}>{t(labelKey('plug', plug))}: {enabled ? t('panel.enabled') : t('panel.disabled')}</span>
            <button type="button" class="button secondary small" data-test={`plug-toggle-${plug}`} disabled={command.busy}
              onClick={() => command.send({ writes: [{ quantity: `station.${plug}`, value: enabled ? 0 : 1 }] })}>
              {enabled ? t('panel.disable') : t('panel.enable')}
            </button>
          </div>
        );
      })}
    </div>
  );
}

function SupervisionInputs({ device }) {
  const { t, lang } = useApp();
  const values = device.values || {};
  return (
    <div>
      {channels(values, /^input\.(\d+)$/).map((c) => (
        <p key={c.n} data-test={`input-${c.n}`}>{t('panel.input', { n: c.n })}: {c.value ? t('panel.closed') : t('panel.open')}</p>
      ))}
      {channels(values, /^analogInput\.(\d+)$/).map((c) => (
        <p key={`a${c.n}`} data-test={`analog-${c.n}`}>{t('panel.analog', { n: c.n })}: {formatValue(c.value, lang)} mA</p>
      ))}
    </div>
  );
}

function SupervisionOutputs({ device, command }) {
  const { t } = useApp();
  return (
    <div>
      {supervisionOutputs(device.values).map((o) => (
        <div class="plug" key={o.n}>
          <span data-test={`output-state-${o.n}`}>{t('panel.output', { n: o.n })}: {o.state ? t('panel.activated') : t('panel.rest')}</span>
          <button type="button" class="button secondary small" data-test={`output-toggle-${o.n}`}
            disabled={command.busy || !device.commands.includes(`output.${o.n}.state`)}
            onClick={() => command.send({ writes: [{ quantity: `output.${o.n}.state`, value: o.state ? 0 : 1 }] })}>
            {o.state ? t('panel.release') : t('panel.activate')}
          </button>
        </div>
      ))}
    </div>
  );
}

function OutputConfiguration({ device, command }) {
  const { t } = useApp();
  const outputs = supervisionOutputs(device.values);
  const [n, setN] = useState(outputs.length ? outputs[0].n : 1);
  const current = outputs.find((o) => o.n === n) || {};
  const [form, setForm] = useState(null);
  const shown = form && form.n === n ? form : { n, mode: current.mode ?? 0, command: current.command ?? 0, onTimeS: current.onTimeS ?? 0 };
  const set = (member, value) => setForm({ ...shown, [member]: value });
  return (
    <form class="output-config" onSubmit={(e) => {
      e.preventDefault();
      command.send({ writes: [
        { quantity: `output.${n}.mode`, value: Number(shown.mode) },
        { quantity: `output.${n}.command`, value: Number(shown.command) },
        { quantity: `output.${n}.onTimeS`, value: Number(shown.onTimeS) },
      ] });
    }}>
      <div class="field">
        <label for="config-output">{t('panel.outputToConfigure')}</label>
        <select id="config-output" data-test="config-output" value={n} onChange={(e) => { setN(Number(e.target.value)); setForm(null); }}>
          {outputs.map((o) => <option key={o.n} value={o.n}>{t('panel.output', { n: o.n })}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="config-mode">{t('panel.normalState')}</label>
        <select id="config-mode" data-test="config-mode" value={shown.mode} onChange={(e) => set('mode', Number(e.target.value))}>
          <option value={0}>{t('panel.normallyOpen')}</option>
          <option value={1}>{t('panel.normallyClosed')}</option>
        </select>
      </div>
      <div class="field">
        <label for="config-command">{t('panel.commandMode')}</label>
        <select id="config-command" data-test="config-command" value={shown.command} onChange={(e) => set('command', Number(e.target.value))}>
          <option value={0}>{t('panel.impulsive')}</option>
          <option value={1}>{t('panel.blinking')}</option>
        </select>
      </div>
      <div class="field">
        <label for="config-ontime">{t('panel.onTime')}</label>
        <input id="config-ontime" type="number" min="0" step="1" data-test="config-ontime" value={shown.onTimeS}
          onInput={(e) => set('onTimeS', e.target.value)} />
        <p class="hint">{t('panel.onTimeHint')}</p>
      </div>
      <button type="submit" class="button primary" data-test="config-write" disabled={command.busy}>{t('panel.write')}</button>
    </form>
  );
}

/** Sections B/C of one device; `reveal`: brought into view on a phone when another device opens. */
export function DeviceDetail({ device, reveal = true }) {
  const { t } = useApp();
  const ref = useRevealOnPhone(reveal ? device.id : null);
  const tabs = tabsOf(device);
  const [tab, setTab] = useState(tabs[0]);
  const { api } = useApp();
  const command = useCommand(api, `/site/live/devices/${device.id}/commands`);
  const shown = tabs.includes(tab) ? tab : tabs[0];
  return (
    <section class="panel-detail" data-test="device-detail" aria-labelledby="device-detail-title" ref={ref}>
      <h2 id="device-detail-title" data-test="device-detail-name">{device.name}</h2>
      <div class="tabs" role="tablist">
        {tabs.map((id) => (
          <button type="button" role="tab" key={id} aria-selected={id === shown} data-test={`tab-${id}`}
            class={id === shown ? 'tab active' : 'tab'} onClick={() => { setTab(id); command.reset(); }}>{t(labelKey('tab', id))}</button>
        ))}
      </div>
      {shown === 'measure' ? <MeasureTab device={device} /> : null}
      {shown === 'state' ? <StateTab device={device} command={command} /> : null}
      {shown === 'stationErrors' ? <CodeList device={device} quantity="station.error" table="stationError" /> : null}
      {shown === 'chargeErrors' ? <CodeList device={device} quantity="station.chargeError" table="chargeError" /> : null}
      {shown === 'commands' ? <StationCommands device={device} command={command} /> : null}
      {shown === 'inputs' ? <SupervisionInputs device={device} /> : null}
      {shown === 'outputs' ? <SupervisionOutputs device={device} command={command} /> : null}
      {shown === 'configuration' ? <OutputConfiguration device={device} command={command} /> : null}
      <Outcome outcome={command.outcome} test="command" />
    </section>
  );
}

export function PanelBoard() {
  const { t, api } = useApp();
  const { data, error } = useLive(api, '/site/live');
  const [filter, setFilter] = useState('all');
  const [selected, setSelected] = useState(null);
  const device = useLiveDevice(api, selected, data ? data.sequence : null);

  if (error) return <ErrorLine message={errorMessage(error)} test="page-error" />;
  if (!data) return <div class="loading" aria-busy="true" data-test="loading" />;
  const choices = filterChoices(data.devices);
  const devices = filterDevices(data.devices, filter);
  return (
    <div class="panel-board">
      <section class="panel-list" aria-label={t('panel.devices')}>
        <div class="field">
          <label for="panel-filter">{t('panel.show')}</label>
          <select id="panel-filter" data-test="panel-filter" value={filter} onChange={(e) => setFilter(e.target.value)}>
            <option value="all">{t('panel.allDevices')}</option>
            {choices.gateways.map((g) => <option key={`g${g.id}`} value={`gateway:${g.id}`}>{t('panel.byGateway', { name: g.name })}</option>)}
            {choices.boards.map((b) => <option key={`b${b}`} value={`board:${b}`}>{t('panel.byBoard', { name: b })}</option>)}
          </select>
        </div>
        {devices.length === 0 ? <p data-test="panel-empty">{t('panel.noDevice')}</p> : null}
        <ul class="device-buttons" data-test="device-buttons">
          {devices.map((d) => (
            <li key={d.id}>
              <DeviceButton device={d} selected={d.id === selected} onSelect={() => setSelected(d.id)} />
            </li>
          ))}
        </ul>
      </section>
      {selected === null ? <p class="hint" data-test="panel-select">{t('panel.select')}</p> : null}
      {device ? <DeviceDetail key={device.id} device={device} /> : null}
    </div>
  );
}
