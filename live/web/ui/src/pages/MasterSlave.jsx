// Master/Slave activation (manual 7.16.6.1): on a slave, the Modbus TCP server through which a
// master reads the energies this EWS records, and the Remote IDs the master's WSMEASURE
// devices use (7.16.6.2: 1XXXX a device, 2YYYY a load, 3ZZZZ a group, 29999 all loads).
import { useState } from 'preact/hooks';
import { modbusServerOf, servedRemoteIds } from '../lib/site-config.js';
import { useApp } from '../ui/context.js';
import { ConfigPage, FieldMessage } from './SiteConfigParts.jsx';

function RemoteIdTable({ title, rows, test }) {
  const { t } = useApp();
  return (
    <section>
      <h2>{title}</h2>
      <table class="table" data-test={test}>
        <thead><tr><th scope="col">{t('siteCfg.ms.remoteId')}</th><th scope="col">{t('siteCfg.name')}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.remoteId} data-test={`${test}-${r.remoteId}`}><td>{r.remoteId}</td><td>{r.name}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ServerForm({ scenario, saver }) {
  const { t } = useApp();
  const stored = modbusServerOf(scenario);
  const [on, setOn] = useState(stored.on);
  const [port, setPort] = useState(stored.port);
  const submit = (event) => {
    event.preventDefault();
    const n = Number(port);
    saver.save([
      { op: 'set', path: 'ews.modbus.tcpServer', value: on },
      { op: 'set', path: 'ews.modbus.tcpServerPort', value: Number.isInteger(n) ? n : port },
    ], `Master/Slave: Modbus TCP server ${on ? 'on' : 'off'}`, 'ews.modbus');
  };
  const ids = servedRemoteIds(scenario);
  return (
    <div>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label class="check">
            <input type="checkbox" role="switch" data-test="ms-server" checked={on} onChange={(e) => setOn(e.currentTarget.checked)} />
            <span>{t('siteCfg.ms.server')}</span>
          </label>
          <p class="hint" data-test="ms-state">{stored.on ? t('siteCfg.ms.on') : t('siteCfg.ms.off')}</p>
          <FieldMessage message={saver.errors.tcpServer} test="field-error-tcpServer" />
        </div>
        <div class="field">
          <label for="ms-port">{t('siteCfg.ms.port')}</label>
          <input id="ms-port" data-test="ms-port" type="text" inputMode="numeric" size={6} value={port}
            onInput={(e) => setPort(e.currentTarget.value)} />
          <FieldMessage message={saver.errors.tcpServerPort} test="field-error-tcpServerPort" />
        </div>
        <p class="hint">{t('siteCfg.ms.hint')}</p>
        <div class="actions">
          <button type="submit" class="button primary" data-test="ms-save" disabled={saver.busy}>{t('siteCfg.save')}</button>
        </div>
      </form>
      <p data-test="ms-all">{t('siteCfg.ms.all')}</p>
      <RemoteIdTable title={t('siteCfg.lists.loads')} rows={ids.loads} test="ms-loads" />
      <RemoteIdTable title={t('siteCfg.lists.groups')} rows={ids.groups} test="ms-groups" />
      <RemoteIdTable title={t('siteCfg.ms.devices')} rows={ids.devices} test="ms-devices" />
    </div>
  );
}

export function MasterSlave() {
  return (
    <ConfigPage test="site-master-slave">
      {(config, saver) => <ServerForm key={config.version} scenario={config.scenario} saver={saver} />}
    </ConfigPage>
  );
}
