// API errors (docs/api.md, "Errors") as catalogue keys and their parameters.

const KEYS = {
  'network': 'error.network',
  'bad-request': 'error.badRequest',
  'unauthenticated': 'login.sessionExpired',
  'wrong-code': 'error.wrongCode',
  'forbidden': 'error.forbidden',
  'csrf': 'error.csrf',
  'not-found': 'error.notFound',
  'too-large': 'error.tooLarge',
};

/**
 * @param {{code?: string, message?: string, retryAfterSeconds?: number} | null} error
 * @param {number} [status]
 * @returns {{key: string, params?: object}}
 */
export function errorMessage(error, status) {
  const code = error && error.code;
  if (code === 'locked-out' || status === 429) {
    const seconds = Math.max(1, Math.ceil(Number(error && error.retryAfterSeconds) || 30));
    return { key: 'error.lockedOut', params: { seconds } };
  }
  if (code === 'invalid' || code === 'device-error' || code === 'no-answer') {
    // The server's own reason, as it words it (docs/web-ui.md, "Server messages"): a refused
    // value, or a command the device did not apply (docs/api.md).
    return { key: 'error.invalid', params: { message: (error && error.message) || '' } };
  }
  if (code && KEYS[code]) return { key: KEYS[code] };
  return { key: 'error.server', params: { status: status || 0 } };
}
