// The login page as a state machine (manual 8.1, mobile guide 7.1.2): type the PIN, "OK";
// when this browser is not unlocked, type the PUK, "OK"; then the home page.
//
// Pure: loginTransition(state, event) returns the next state. When a state has a `request`,
// the page sends it (POST /api/v1/session/login) and feeds the answer back as a 'response'
// event. Steps:
//   pin        waiting for the PIN
//   puk        waiting for the PUK (this browser is locked, or the server asked for it)
//   submitting a request is on its way; `returnStep` is where a refusal goes back to
//   locked     too many wrong codes: wait until `lockedUntil` (ms), then 'pin' again
//   done       logged in: `user` and `csrfToken` hold the answer
import { isPin, isPuk, normalizeCode } from './codes.js';
import { errorMessage } from './errors.js';

/**
 * @param {{browserUnlocked?: boolean, notice?: {key: string} | null}} options
 *   browserUnlocked from GET /api/v1/session: false means the PUK is needed with the PIN;
 *   notice: a message to show above the form (e.g. "you are logged out").
 */
export function initialLoginState({ browserUnlocked = true, notice = null } = {}) {
  return {
    step: 'pin',
    pin: '',
    browserUnlocked,
    error: null,
    notice,
    request: null,
    returnStep: null,
    lockedUntil: 0,
    user: null,
    csrfToken: null,
  };
}

function secondsLeft(lockedUntil, now) {
  return Math.max(0, Math.ceil((lockedUntil - now) / 1000));
}

/**
 * @param {object} state
 * @param {{type: string, pin?: string, puk?: string, result?: object, now?: number}} event
 *   'submit-pin' {pin}, 'submit-puk' {puk}, 'back', 'response' {result, now}, 'tick' {now}.
 *   `result` is what src/lib/api.js returns: {status, data, error}.
 */
export function loginTransition(state, event) {
  switch (event.type) {
    case 'submit-pin': {
      if (state.step !== 'pin') return state;
      const pin = normalizeCode(event.pin);
      if (!isPin(pin)) return { ...state, error: { key: 'login.pinFormat' } };
      if (!state.browserUnlocked) {
        return { ...state, step: 'puk', pin, error: null, notice: null };
      }
      return {
        ...state, step: 'submitting', pin, error: null, notice: null,
        request: { pin }, returnStep: 'pin',
      };
    }
    case 'submit-puk': {
      if (state.step !== 'puk') return state;
      const puk = normalizeCode(event.puk);
      if (!isPuk(puk)) return { ...state, error: { key: 'login.pukFormat' } };
      return {
        ...state, step: 'submitting', error: null,
        request: { pin: state.pin, puk }, returnStep: 'puk',
      };
    }
    case 'back': {
      if (state.step !== 'puk') return state;
      return { ...state, step: 'pin', pin: '', error: null };
    }
    case 'response': {
      if (state.step !== 'submitting') return state;
      const { status, data, error } = event.result || {};
      const base = { ...state, request: null };
      if (status === 200 && data && data.user) {
        return { ...base, step: 'done', pin: '', user: data.user, csrfToken: data.csrfToken ?? null };
      }
      const code = error && error.code;
      if (code === 'puk-required') {
        // Asked for the PUK: this browser is not unlocked. Had we sent one, it was refused.
        return {
          ...base, step: 'puk', browserUnlocked: false,
          error: state.returnStep === 'puk' ? { key: 'error.wrongCode' } : null,
        };
      }
      if (code === 'wrong-code') {
        // The PIN, or the PUK, is wrong: start again from the PIN.
        return { ...base, step: 'pin', pin: '', error: { key: 'error.wrongCode' } };
      }
      if (status === 429 || code === 'locked-out') {
        const seconds = Math.max(1, Math.ceil(Number(error && error.retryAfterSeconds) || 30));
        const now = event.now ?? Date.now();
        return {
          ...base, step: 'locked', pin: '', lockedUntil: now + seconds * 1000,
          error: { key: 'error.lockedOut', params: { seconds } },
        };
      }
      return { ...base, step: state.returnStep || 'pin', error: errorMessage(error, status) };
    }
    case 'tick': {
      if (state.step !== 'locked') return state;
      const seconds = secondsLeft(state.lockedUntil, event.now ?? Date.now());
      if (seconds <= 0) return { ...state, step: 'pin', lockedUntil: 0, error: null };
      if (state.error && state.error.params && state.error.params.seconds === seconds) return state;
      return { ...state, error: { key: 'error.lockedOut', params: { seconds } } };
    }
    default:
      return state;
  }
}
