// A command of a live page (docs/api.md): POSTed, answered once the stack applied it; its outcome
// ({ok: true} or {ok: false, message}) is shown under the buttons until the next command.
import { useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors.js';

/**
 * @param {ReturnType<import('../lib/api.js').createApi>} api
 * @param {string} path e.g. `/site/live/devices/7/commands`
 */
export function useCommand(api, path) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState(null);
  const send = async (body) => {
    setBusy(true);
    setOutcome(null);
    const result = await api.post(path, body);
    setBusy(false);
    setOutcome(result.ok ? { ok: true } : { ok: false, message: errorMessage(result.error, result.status) });
  };
  return { busy, outcome, send, reset: () => setOutcome(null) };
}
