// Form pieces of the configuration and user pages: a labelled field with its refusal next to it
// (the server's validator message, docs/pages.md), and the Test button's outcome.
import { useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors.js';
import { useApp } from './context.js';

export function FieldError({ field, errors }) {
  const { t } = useApp();
  const error = errors[field];
  if (!error) return null;
  return (
    <p class="field-error" id={`error-${field}`} role="alert" data-test={`field-error-${field}`}>
      {t(error.key, error.params)}
    </p>
  );
}

/** A text or number field (`type` "text"), or a select when `options` ([{value, label}]) is given. */
export function Field({ id, label, value, onInput, errors, options, readOnly, disabled, hint }) {
  const invalid = errors[id] ? 'true' : undefined;
  const described = errors[id] ? `error-${id}` : undefined;
  return (
    <div class="field">
      <label for={`cfg-${id}`}>{label}</label>
      {options ? (
        <select id={`cfg-${id}`} data-test={`cfg-${id}`} value={value} disabled={disabled || readOnly}
          aria-invalid={invalid} aria-describedby={described}
          onChange={(e) => onInput(e.currentTarget.value)}>
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      ) : (
        <input id={`cfg-${id}`} data-test={`cfg-${id}`} type="text" autoComplete="off" value={value}
          readOnly={readOnly} disabled={disabled} aria-invalid={invalid} aria-describedby={described}
          onInput={(e) => onInput(e.currentTarget.value)} />
      )}
      {hint ? <p class="hint">{hint}</p> : null}
      <FieldError field={id} errors={errors} />
    </div>
  );
}

/** The Test button (manual 7.16.1.2/7.16.1.3): the poller's probe, its diagnostic shown. */
export function TestButton({ api, path, body }) {
  const { t } = useApp();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState(null);
  const run = async () => {
    setBusy(true);
    setOutcome(null);
    const result = await api.post(path, body);
    setBusy(false);
    if (result.ok) {
      setOutcome(result.data);
    } else {
      const refusal = errorMessage(result.error, result.status);
      setOutcome({ ok: false, message: t(refusal.key, refusal.params) });
    }
  };
  return (
    <span class="config-test">
      <button type="button" class="button secondary" data-test="cfg-test" disabled={busy} onClick={run}>
        {t('gateways.test')}
      </button>
      {outcome ? (
        <span class={outcome.ok ? 'test-ok' : 'error'} role="status" data-test="cfg-test-result"
          data-ok={outcome.ok ? 'true' : 'false'}>{outcome.message}</span>
      ) : null}
    </span>
  );
}

/** The ON/OFF button (manual 7.16.1.5): shows the state, a click switches it. */
export function OnOffButton({ on, onToggle, disabled }) {
  const { t } = useApp();
  return (
    <button type="button" class={`button small ${on ? 'primary' : 'secondary'}`} data-test="cfg-onoff"
      data-on={on ? 'true' : 'false'} aria-pressed={on ? 'true' : 'false'} disabled={disabled} onClick={onToggle}>
      {on ? t('gateways.on') : t('gateways.off')}
    </button>
  );
}
