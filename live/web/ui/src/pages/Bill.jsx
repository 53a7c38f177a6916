// Bill of consumptions (manual 7.16.3): per energy, section A the cost rules in the order they
// are examined (the first true one from the top prices the consumption; Move up / Move down),
// the rule in force now marked; section B the currency (and the gas conversion factor on the
// Gas page); section C the selected or new rule. "Edit tariffs" opens the tariffs: up to 5 per
// energy, each with a name, a colour and up to 5 dated prices (7.16.3.1). A change prices the
// consumption from the change on; recorded costs are never rewritten.
import { useEffect, useState } from 'preact/hooks';
import {
  ENERGIES, MAX_PRICES, MAX_TARIFFS, TARIFF_PALETTE, WEEKDAYS, activeRule, checkRule, checkTariff,
  dateInputValue, emptyRule, moved, ruleToStored, rulesEdit, siteClock, tariffEdits, tariffsOf,
} from '../lib/site-config.js';
import { useApp } from '../ui/context.js';
import { ConfigPage, FieldMessage } from './SiteConfigParts.jsx';

const ENERGY_KEYS = { electricity: 'siteCfg.energy.electricity', gas: 'siteCfg.energy.gas', water: 'siteCfg.energy.water' };
const DAY_KEYS = {
  mon: 'siteCfg.day.mon', tue: 'siteCfg.day.tue', wed: 'siteCfg.day.wed', thu: 'siteCfg.day.thu',
  fri: 'siteCfg.day.fri', sat: 'siteCfg.day.sat', sun: 'siteCfg.day.sun',
};
const UNIT_KEYS = { electricity: 'siteCfg.bill.perKWh', gas: 'siteCfg.bill.perCubicMetre', water: 'siteCfg.bill.perCubicMetre' };

function Swatch({ colour }) {
  return (
    <svg class="swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="14" height="14" rx="3" fill={colour} stroke="currentColor" stroke-opacity="0.3" />
    </svg>
  );
}

const own = (errors) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, { key: v }]));

function CurrencySection({ scenario, energy, saver }) {
  const { t } = useApp();
  const ews = scenario.ews || {};
  const [currency, setCurrency] = useState(String(ews.currency || 'EUR'));
  const [factor, setFactor] = useState(String(ews.gasConversion ?? '11.2'));
  const save = (event) => {
    event.preventDefault();
    const edits = [{ op: 'set', path: 'ews.currency', value: currency.trim().toUpperCase() }];
    if (energy === 'gas') {
      const n = Number(factor.replace(',', '.'));
      edits.push({ op: 'set', path: 'ews.gasConversion', value: factor.trim() !== '' && Number.isFinite(n) ? n : factor });
    }
    saver.save(edits, 'bill of consumptions: currency', 'ews');
  };
  return (
    <form class="bill-section" onSubmit={save} noValidate data-test="bill-section-b">
      <div class="field inline">
        <label for="bill-currency">{t('siteCfg.bill.currency')}</label>
        <input id="bill-currency" data-test="bill-currency" type="text" maxLength={3} size={4} value={currency}
          onInput={(e) => setCurrency(e.currentTarget.value)} />
      </div>
      {energy === 'gas' ? (
        <div class="field inline">
          <label for="bill-gas-conversion">{t('siteCfg.bill.gasConversion')}</label>
          <input id="bill-gas-conversion" data-test="bill-gas-conversion" type="text" inputMode="decimal" size={6}
            value={factor} onInput={(e) => setFactor(e.currentTarget.value)} />
        </div>
      ) : null}
      <button type="submit" class="button secondary small" data-test="bill-currency-save" disabled={saver.busy}>{t('siteCfg.save')}</button>
      <FieldMessage message={saver.errors.currency} test="field-error-currency" />
      <FieldMessage message={saver.errors.gasConversion} test="field-error-gasConversion" />
      <p class="hint">{t('siteCfg.bill.currencyHint')}</p>
    </form>
  );
}

function ruleDates(t, rule) {
  if (!rule.from) return t('siteCfg.bill.allYear');
  const text = rule.to && rule.to !== rule.from ? `${rule.from} – ${rule.to}` : rule.from;
  return rule.repeatEveryYear ? `${text} (${t('siteCfg.bill.everyYear')})` : text;
}

function ruleDays(t, rule) {
  return rule.days.length === WEEKDAYS.length ? t('siteCfg.bill.everyDay') : rule.days.map((d) => t(DAY_KEYS[d])).join(' ');
}

function RuleForm({ energy, plan, index, saver, onDone }) {
  const { t } = useApp();
  const [rule, setRule] = useState(index === null ? emptyRule(plan.tariffs[0] && plan.tariffs[0].name) : { ...plan.rules[index] });
  const [errors, setErrors] = useState({});
  const prefix = `tariffs.${energy}.rules${index === null ? '' : `[${index}]`}`;
  const server = (field) => Object.entries(saver.errors).find(([w]) => w === field || w.endsWith(`].${field}`) || w.startsWith(`${field}[`))?.[1] || null;
  const set = (patch) => setRule((r) => ({ ...r, ...patch }));
  const submit = async (event) => {
    event.preventDefault();
    const found = checkRule(rule, plan.tariffs);
    setErrors(own(found));
    if (Object.keys(found).length) return;
    const edits = index === null
      ? [{ op: 'append', path: `tariffs.${energy}.rules`, value: ruleToStored(rule) }]
      : [{ op: 'set', path: `tariffs.${energy}.rules[${index}]`, value: ruleToStored(rule) }];
    if (await saver.save(edits, `${energy} cost rule ${index === null ? 'added' : `${index + 1} changed`}`, prefix)) onDone();
  };
  return (
    <form class="bill-section rule-form" onSubmit={submit} noValidate data-test="bill-section-c">
      <h3>{index === null ? t('siteCfg.bill.newRule') : t('siteCfg.bill.rule', { n: index + 1 })}</h3>
      <div class="field">
        <label for="rule-tariff">{t('siteCfg.bill.tariff')}</label>
        <select id="rule-tariff" data-test="rule-tariff" value={rule.tariff} onChange={(e) => set({ tariff: e.currentTarget.value })}>
          {plan.tariffs.map((tariff) => <option key={tariff.name} value={tariff.name}>{tariff.name}</option>)}
        </select>
        <FieldMessage message={errors.tariff || server('tariff')} test="field-error-tariff" />
      </div>
      <fieldset class="field">
        <legend>{t('siteCfg.bill.validity')}</legend>
        <label class="field inline">
          <span>{t('siteCfg.bill.from')}</span>
          <input type="date" data-test="rule-from" value={dateInputValue(rule.from)} onInput={(e) => set({ from: e.currentTarget.value })} />
        </label>
        <label class="field inline">
          <span>{t('siteCfg.bill.to')}</span>
          <input type="date" data-test="rule-to" value={dateInputValue(rule.to)} onInput={(e) => set({ to: e.currentTarget.value })} />
        </label>
        <label class="check">
          <input type="checkbox" data-test="rule-repeat" checked={rule.repeatEveryYear}
            onChange={(e) => set({ repeatEveryYear: e.currentTarget.checked })} />
          <span>{t('siteCfg.bill.repeat')}</span>
        </label>
        <p class="hint">{t('siteCfg.bill.datesHint')}</p>
        <FieldMessage message={errors.dates || server('dates') || server('repeatEveryYear')} test="field-error-dates" />
      </fieldset>
      <fieldset class="field">
        <legend>{t('siteCfg.bill.time')}</legend>
        <label class="field inline">
          <span>{t('siteCfg.bill.from')}</span>
          <input type="time" data-test="rule-time-from" value={rule.timeFrom} onInput={(e) => set({ timeFrom: e.currentTarget.value })} />
        </label>
        <label class="field inline">
          <span>{t('siteCfg.bill.to')}</span>
          <input type="time" data-test="rule-time-to" value={rule.timeTo} onInput={(e) => set({ timeTo: e.currentTarget.value })} />
        </label>
        <FieldMessage message={errors.time || server('time')} test="field-error-time" />
      </fieldset>
      <fieldset class="field days">
        <legend>{t('siteCfg.bill.days')}</legend>
        <label class="check">
          <input type="checkbox" data-test="rule-every-day" checked={rule.days.length === WEEKDAYS.length}
            onChange={(e) => set({ days: e.currentTarget.checked ? [...WEEKDAYS] : [] })} />
          <span>{t('siteCfg.bill.everyDay')}</span>
        </label>
        {WEEKDAYS.map((day) => (
          <label class="check" key={day}>
            <input type="checkbox" data-test={`rule-day-${day}`} checked={rule.days.includes(day)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                set({ days: WEEKDAYS.filter((d) => (d === day ? on : rule.days.includes(d))) });
              }} />
            <span>{t(DAY_KEYS[day])}</span>
          </label>
        ))}
        <FieldMessage message={errors.days || server('days')} test="field-error-days" />
      </fieldset>
      <div class="actions">
        <button type="submit" class="button primary" data-test="rule-save" disabled={saver.busy}>{t('siteCfg.save')}</button>
        <button type="button" class="button secondary" data-test="rule-cancel" onClick={onDone}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

/**
 * The site's "now": its last recorded sample when this user may read it (a twin's simulated
 * time may lie far from the wall clock), else this browser's clock.
 */
function useSiteNow() {
  const { api } = useApp();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    let live = true;
    api.get('/consumptions/site').then((result) => {
      const at = result.ok && result.data && result.data.lastSampleAt;
      if (live && at) setNow(new Date(at));
    });
    return () => { live = false; };
  }, []);
  return now;
}

function Rules({ scenario, energy, plan, saver, openTariffs }) {
  const { t } = useApp();
  const [editing, setEditing] = useState(undefined);  // undefined: none; null: a new rule; n: rule n
  const now = useSiteNow();
  const zone = (scenario.ews && scenario.ews.timezone) || 'Europe/Paris';
  let active = -1;
  try {
    active = activeRule(plan.rules, siteClock(now, String(zone)));
  } catch {
    active = -1;  // a zone this browser does not know: no rule is marked
  }
  const colourOf = (name) => (plan.tariffs.find((x) => x.name === name) || {}).colour || TARIFF_PALETTE[0];
  const store = (rules, summary) => saver.save([rulesEdit(energy, rules)], summary, `tariffs.${energy}.rules`);
  return (
    <div>
      <section class="bill-section" data-test="bill-section-a" aria-label={t('siteCfg.bill.rules')}>
        <h2>{t('siteCfg.bill.rules')}</h2>
        <p class="hint" data-test="rules-order-note">{t('siteCfg.bill.orderNote')}</p>
        {plan.flatPrice !== null ? <p class="notice" data-test="bill-flat-price">{t('siteCfg.bill.flatPrice', { price: plan.flatPrice })}</p> : null}
        {plan.rules.length ? (
          <ol class="rules" data-test="rules-list">
            {plan.rules.map((rule, i) => (
              <li key={`${i}-${rule.tariff}`} data-test={`rule-${i}`} class={i === active ? 'active' : ''}>
                <span class="rule-order" data-test={`rule-order-${i}`}>{i + 1}</span>
                <span class="rule-tariff" data-test={`rule-tariff-${i}`}><Swatch colour={colourOf(rule.tariff)} />{rule.tariff}</span>
                {i === active ? <span class="badge" data-test={`rule-active-${i}`}>{t('siteCfg.bill.active')}</span> : null}
                <span class="rule-when">{ruleDates(t, rule)} · {rule.timeFrom}–{rule.timeTo} · {ruleDays(t, rule)}</span>
                <span class="row-actions">
                  <button type="button" class="button secondary small" data-test={`rule-up-${i}`} disabled={saver.busy || i === 0}
                    onClick={() => store(moved(plan.rules, i, -1), `${energy} cost rule ${i + 1} moved up`)}>{t('siteCfg.bill.moveUp')}</button>
                  <button type="button" class="button secondary small" data-test={`rule-down-${i}`}
                    disabled={saver.busy || i === plan.rules.length - 1}
                    onClick={() => store(moved(plan.rules, i, 1), `${energy} cost rule ${i + 1} moved down`)}>{t('siteCfg.bill.moveDown')}</button>
                  <button type="button" class="button secondary small" data-test={`rule-edit-${i}`}
                    onClick={() => { saver.clear(); setEditing(i); }}>{t('siteCfg.edit')}</button>
                  <button type="button" class="button secondary small" data-test={`rule-delete-${i}`} disabled={saver.busy}
                    onClick={() => saver.save([{ op: 'remove', path: `tariffs.${energy}.rules[${i}]` }], `${energy} cost rule ${i + 1} deleted`, '')}>
                    {t('siteCfg.delete')}</button>
                </span>
              </li>
            ))}
          </ol>
        ) : <p data-test="rules-empty">{t('siteCfg.bill.noRules')}</p>}
        <div class="actions">
          <button type="button" class="button primary" data-test="rule-add" disabled={!plan.tariffs.length}
            onClick={() => { saver.clear(); setEditing(null); }}>{t('siteCfg.add')}</button>
          <button type="button" class="button secondary" data-test="tariffs-edit" onClick={openTariffs}>{t('siteCfg.bill.editTariffs')}</button>
        </div>
        {plan.tariffs.length ? null : <p class="hint" data-test="rules-need-tariff">{t('siteCfg.bill.needTariff')}</p>}
      </section>
      {editing !== undefined ? (
        <RuleForm key={`${energy}-${editing}`} energy={energy} plan={plan} index={editing} saver={saver}
          onDone={() => setEditing(undefined)} />
      ) : null}
    </div>
  );
}

function TariffForm({ scenario, energy, plan, index, saver }) {
  const { t } = useApp();
  const start = index === null
    ? { name: '', colour: TARIFF_PALETTE[plan.tariffs.length % TARIFF_PALETTE.length], prices: [] }
    : plan.tariffs[index];
  const rows = [...start.prices, ...Array(MAX_PRICES).fill(null).map(() => ({ price: '', from: '' }))].slice(0, MAX_PRICES);
  const [tariff, setTariff] = useState({ ...start, prices: rows });
  const [errors, setErrors] = useState({});
  const prefix = `tariffs.${energy}.tariffs${index === null ? '' : `[${index}]`}`;
  const server = (field) => Object.entries(saver.errors).find(([w]) => w === field || w.endsWith(`].${field}`) || w.startsWith(`${field}[`) || w.includes(`].${field}[`))?.[1] || null;
  const setPrice = (i, patch) => setTariff((x) => ({ ...x, prices: x.prices.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));
  const submit = async (event) => {
    event.preventDefault();
    const found = checkTariff(tariff, plan.tariffs.filter((_, i) => i !== index));
    setErrors(own(found));
    if (Object.keys(found).length) return;
    await saver.save(tariffEdits(scenario, energy, index, tariff), `${energy} tariff ${tariff.name.trim()} saved`, prefix);
  };
  return (
    <form class="bill-section tariff-form" onSubmit={submit} noValidate data-test="tariff-form">
      <div class="field">
        <label for="tariff-name">{t('siteCfg.name')}</label>
        <input id="tariff-name" data-test="tariff-name" type="text" maxLength={32} value={tariff.name}
          onInput={(e) => setTariff({ ...tariff, name: e.currentTarget.value })} />
        <FieldMessage message={errors.name || server('name')} test="field-error-tariff-name" />
      </div>
      <div class="field">
        <label for="tariff-colour">{t('siteCfg.bill.colour')}</label>
        <input id="tariff-colour" data-test="tariff-colour" type="color" value={tariff.colour.toLowerCase()}
          onInput={(e) => setTariff({ ...tariff, colour: e.currentTarget.value })} />
        <FieldMessage message={server('colour')} test="field-error-tariff-colour" />
      </div>
      <fieldset class="field">
        <legend>{t('siteCfg.bill.prices', { unit: t(UNIT_KEYS[energy]) })}</legend>
        <table class="table prices">
          <thead><tr><th scope="col">{t('siteCfg.bill.price')}</th><th scope="col">{t('siteCfg.bill.validFrom')}</th></tr></thead>
          <tbody>
            {tariff.prices.map((p, i) => (
              <tr key={i}>
                <td><input type="text" inputMode="decimal" data-test={`price-${i}`} size={8} value={p.price}
                  aria-label={t('siteCfg.bill.price')} onInput={(e) => setPrice(i, { price: e.currentTarget.value })} /></td>
                <td><input type="date" data-test={`price-from-${i}`} value={p.from}
                  aria-label={t('siteCfg.bill.validFrom')} onInput={(e) => setPrice(i, { from: e.currentTarget.value })} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="hint">{t('siteCfg.bill.pricesHint')}</p>
        <FieldMessage message={errors.prices || server('prices')} test="field-error-prices" />
      </fieldset>
      <div class="actions">
        <button type="submit" class="button primary" data-test="tariff-save" disabled={saver.busy}>{t('siteCfg.save')}</button>
      </div>
    </form>
  );
}

function Tariffs({ scenario, energy, plan, saver, back }) {
  const { t } = useApp();
  const [index, setIndex] = useState(plan.tariffs.length ? 0 : null);
  return (
    <section class="bill-section" data-test="tariffs" aria-label={t('siteCfg.bill.tariffs')}>
      <h2>{t('siteCfg.bill.tariffs')}</h2>
      <div class="segmented" role="group">
        {plan.tariffs.map((tariff, i) => (
          <button type="button" key={tariff.name} data-test={`tariff-${i}`} class={i === index ? 'selected' : ''}
            aria-pressed={i === index ? 'true' : 'false'} onClick={() => { saver.clear(); setIndex(i); }}>
            <Swatch colour={tariff.colour} />{tariff.name}
          </button>
        ))}
        {plan.tariffs.length < MAX_TARIFFS ? (
          <button type="button" data-test="tariff-new" class={index === null ? 'selected' : ''}
            aria-pressed={index === null ? 'true' : 'false'} onClick={() => { saver.clear(); setIndex(null); }}>{t('siteCfg.bill.newTariff')}</button>
        ) : null}
      </div>
      <p class="hint">{t('siteCfg.bill.tariffsHint', { max: MAX_TARIFFS, prices: MAX_PRICES })}</p>
      <TariffForm key={`${energy}-${index}-${plan.tariffs.length}`} scenario={scenario} energy={energy} plan={plan}
        index={index} saver={saver} />
      <div class="actions">
        <button type="button" class="button secondary" data-test="tariffs-back" onClick={back}>{t('siteCfg.bill.costRules')}</button>
      </div>
    </section>
  );
}

export function Bill() {
  const { t } = useApp();
  const [energy, setEnergy] = useState('electricity');
  const [view, setView] = useState('rules');
  return (
    <ConfigPage test="site-bill">
      {(config, saver) => {
        const plan = tariffsOf(config.scenario, energy);
        const choose = (e) => { saver.clear(); setEnergy(e); setView('rules'); };
        return (
          <div class="bill">
            <div class="segmented" role="group" aria-label={t('siteCfg.bill.energy')}>
              {ENERGIES.map((e) => (
                <button type="button" key={e} data-test={`bill-energy-${e}`} class={e === energy ? 'selected' : ''}
                  aria-pressed={e === energy ? 'true' : 'false'} onClick={() => choose(e)}>{t(ENERGY_KEYS[e])}</button>
              ))}
            </div>
            <CurrencySection key={`${energy}-${config.version}`} scenario={config.scenario} energy={energy} saver={saver} />
            {view === 'rules'
              ? <Rules scenario={config.scenario} energy={energy} plan={plan} saver={saver} openTariffs={() => { saver.clear(); setView('tariffs'); }} />
              : <Tariffs scenario={config.scenario} energy={energy} plan={plan} saver={saver} back={() => { saver.clear(); setView('rules'); }} />}
          </div>
        );
      }}
    </ConfigPage>
  );
}
