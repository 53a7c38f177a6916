// Panel boards, Loads and Measure groups (manual 7.16.2): on the left the added entries, on the
// right the settings of the selected or new one (Name, Description/Location), Save; Delete
// opens the intermediate choice Disable / Erase (7.16.2.4: predefined loads can only be
// disabled), Enable brings a disabled entry back. Loads and groups show their Remote ID
// (7.16.6.2), every entry how many devices (gateways for a panel board) use it.
import { useEffect, useState } from 'preact/hooks';
import {
  LISTS, MAX_USER_LOADS, addEntryEdits, checkListEntry, enabledEdits, eraseEdits, listRows, saveEntryEdits,
  userLoadCount,
} from '../lib/site-config.js';
import { useApp } from '../ui/context.js';
import { ConfigPage, FieldMessage } from './SiteConfigParts.jsx';

const TEXTS = {
  panelBoards: { added: 'siteCfg.lists.panelBoards', used: 'siteCfg.usedByGateways', hint: 'siteCfg.panelBoards.hint' },
  loads: { added: 'siteCfg.lists.loads', used: 'siteCfg.usedByDevices', hint: 'siteCfg.loads.hint' },
  groups: { added: 'siteCfg.lists.groups', used: 'siteCfg.usedByDevices', hint: 'siteCfg.groups.hint' },
};

function EntryForm({ scenario, kind, row, saver, onDone }) {
  const { t } = useApp();
  const [form, setForm] = useState({ name: row ? row.name : '', description: row ? row.description : '' });
  const [own, setOwn] = useState({});
  const [confirming, setConfirming] = useState(false);
  const prefix = row ? `${LISTS[kind].path}[${row.index}]` : LISTS[kind].path;
  // A new entry's refusal is at "[n].name" under the list.
  const serverName = Object.entries(saver.errors).find(([where]) => where === 'name' || where.endsWith('].name'));
  const nameError = own.name ? { key: own.name } : (serverName ? serverName[1] : null);

  const submit = async (event) => {
    event.preventDefault();
    const found = checkListEntry(scenario, kind, form, row);
    setOwn(found);
    if (Object.keys(found).length) return;
    const edits = row ? saveEntryEdits(scenario, kind, row, form) : addEntryEdits(kind, form);
    if (await saver.save(edits, `${row ? 'edit' : 'add'} ${kind} ${form.name.trim()}`, prefix)) onDone(form.name.trim());
  };
  const toggle = async (enabled) => {
    setConfirming(false);
    await saver.save(enabledEdits(kind, row, enabled), `${enabled ? 'enable' : 'disable'} ${kind} ${row.name}`, prefix);
  };
  const erase = async () => {
    setConfirming(false);
    if (await saver.save(eraseEdits(scenario, kind, row), `erase ${kind} ${row.name}`, prefix)) onDone(null);
  };

  if (confirming) {
    return (
      <div class="confirm" role="group" data-test="entry-confirm">
        <p>{t('siteCfg.deleteQuestion', { name: row.name })}</p>
        <div class="actions">
          <button type="button" class="button secondary" data-test="entry-disable" disabled={saver.busy}
            onClick={() => toggle(false)}>{t('siteCfg.disable')}</button>
          {row.predefined ? null : (
            <button type="button" class="button primary danger" data-test="entry-erase" disabled={saver.busy}
              onClick={erase}>{t('siteCfg.erase')}</button>
          )}
          <button type="button" class="button secondary" data-test="entry-cancel"
            onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
        </div>
      </div>
    );
  }

  return (
    <form class="entry-form" onSubmit={submit} noValidate aria-busy={saver.busy ? 'true' : 'false'}>
      <div class="field">
        <label for="entry-name">{t('siteCfg.name')}</label>
        <input id="entry-name" data-test="entry-name" type="text" maxLength={64} value={form.name}
          readOnly={row && row.predefined} disabled={saver.busy}
          onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />
        <FieldMessage message={nameError} test="field-error-name" />
      </div>
      {LISTS[kind].description ? (
        <div class="field">
          <label for="entry-description">{t('siteCfg.description')}</label>
          <input id="entry-description" data-test="entry-description" type="text" maxLength={128}
            value={form.description} disabled={saver.busy}
            onInput={(e) => setForm({ ...form, description: e.currentTarget.value })} />
          <FieldMessage message={saver.errors.description} test="field-error-description" />
        </div>
      ) : null}
      <div class="actions">
        {row && row.predefined ? null : (
          <button type="submit" class="button primary" data-test="entry-save" disabled={saver.busy}>{t('siteCfg.save')}</button>
        )}
        {row && row.enabled ? (
          <button type="button" class="button secondary" data-test="entry-delete" disabled={saver.busy}
            onClick={() => setConfirming(true)}>{t('siteCfg.delete')}</button>
        ) : null}
        {row && !row.enabled ? (
          <button type="button" class="button secondary" data-test="entry-enable" disabled={saver.busy}
            onClick={() => toggle(true)}>{t('siteCfg.enable')}</button>
        ) : null}
      </div>
    </form>
  );
}

/** @param {{kind: 'panelBoards' | 'loads' | 'groups'}} props */
export function SiteList({ kind }) {
  const { t } = useApp();
  const [selected, setSelected] = useState(null);  // a row's name, '' for a new entry
  useEffect(() => setSelected(null), [kind]);  // the three pages share this component

  return (
    <ConfigPage test={`site-list-${kind}`}>
      {(config, saver) => {
        const rows = listRows(config.scenario, kind);
        const row = rows.find((r) => r.name === selected) || null;
        const full = kind === 'loads' && userLoadCount(config.scenario) >= MAX_USER_LOADS;
        const choose = (name) => { saver.clear(); setSelected(name); };
        return (
          <div class="split">
            <section class="split-list" aria-label={t(TEXTS[kind].added)}>
              <h2>{t(TEXTS[kind].added)}</h2>
              <p class="hint">{t(TEXTS[kind].hint)}</p>
              <button type="button" class="button primary" data-test="entry-add" disabled={full}
                onClick={() => choose('')}>{t('siteCfg.add')}</button>
              {full ? <p class="hint" data-test="loads-full">{t('siteCfg.loads.full', { max: MAX_USER_LOADS })}</p> : null}
              <ul class="entry-list" data-test="entry-list">
                {rows.map((r) => (
                  <li key={r.key}>
                    <button type="button" data-test={`entry-${r.name}`} aria-pressed={r.name === selected ? 'true' : 'false'}
                      class={`entry-button${r.enabled ? '' : ' disabled'}`} onClick={() => choose(r.name)}>
                      <span class="entry-name">{r.name}</span>
                      {r.enabled ? null : <span class="badge" data-test={`entry-disabled-${r.name}`}>{t('siteCfg.deactivated')}</span>}
                      {r.predefined ? <span class="badge">{t('siteCfg.loads.predefined')}</span> : null}
                      <span class="entry-meta">
                        {r.remoteId ? <span data-test={`entry-remote-${r.name}`}>{t('siteCfg.remoteId', { id: r.remoteId })}</span> : null}
                        <span data-test={`entry-used-${r.name}`}>{t(TEXTS[kind].used, { count: r.used })}</span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
            <section class="split-detail">
              {selected === null ? <p class="hint" data-test="entry-select">{t('siteCfg.select')}</p> : (
                <EntryForm key={`${selected}-${config.version}`} scenario={config.scenario} kind={kind} row={row}
                  saver={saver} onDone={(name) => setSelected(name)} />
              )}
            </section>
          </div>
        );
      }}
    </ConfigPage>
  );
}
