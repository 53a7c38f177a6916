// The JSON API client (docs/api.md). Every call answers a result and never throws:
//   {ok: true,  status, data, error: null}
//   {ok: false, status, data, error: {code, message?, field?, retryAfterSeconds?}}
// status 0 with error.code 'network' when the server could not be reached.

export const API_BASE = '/api/v1';
const LOGIN_PATH = '/session/login';

/**
 * @param {object} options
 * @param {typeof fetch} [options.fetchImpl] the fetch to use (tests give their own)
 * @param {() => string | null} [options.csrfToken] the session's current CSRF token
 * @param {(error: object) => void} [options.onUnauthenticated] called on a 401 outside login
 */
export function createApi({ fetchImpl, csrfToken = () => null, onUnauthenticated = () => {} } = {}) {
  const doFetch = fetchImpl || ((...args) => globalThis.fetch(...args));

  // raw: {data, contentType} sent as it is (an uploaded file) instead of a JSON body.
  async function request(method, path, body, raw) {
    const headers = { Accept: 'application/json' };
    if (raw) headers['Content-Type'] = raw.contentType;
    else if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD' && path !== LOGIN_PATH) {
      const token = csrfToken();
      if (token) headers['X-CSRF-Token'] = token;
    }
    let response;
    try {
      response = await doFetch(API_BASE + path, {
        method,
        headers,
        credentials: 'same-origin',
        body: raw ? raw.data : (body === undefined ? undefined : JSON.stringify(body)),
      });
    } catch {
      return { ok: false, status: 0, data: null, error: { code: 'network' } };
    }
    let data = null;
    if (response.status !== 204) {
      try {
        const text = await response.text();
        data = text ? JSON.parse(text) : null;
      } catch {
        data = null;
      }
    }
    if (response.ok) return { ok: true, status: response.status, data, error: null };

    const error = (data && data.error && typeof data.error === 'object')
      ? { ...data.error }
      : { code: `http-${response.status}` };
    if (response.status === 429) {
      if (!data || !data.error) error.code = 'locked-out';
      const header = response.headers && response.headers.get ? response.headers.get('Retry-After') : null;
      const seconds = Number(error.retryAfterSeconds ?? (data && data.retryAfterSeconds) ?? header);
      error.retryAfterSeconds = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
    }
    if (response.status === 401 && path !== LOGIN_PATH) onUnauthenticated(error);
    return { ok: false, status: response.status, data, error };
  }

  return {
    request,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body ?? {}),
    put: (path, body) => request('PUT', path, body ?? {}),
    upload: (path, data, contentType) => request('POST', path, undefined, { data, contentType }),
    // The routes of this issue (docs/api.md).
    session: () => request('GET', '/session'),
    login: (body) => request('POST', LOGIN_PATH, body),
    logout: (mode) => request('POST', '/session/logout', { mode }),
    home: () => request('GET', '/home'),
    users: () => request('GET', '/users'),
    addUser: (user) => request('POST', '/users', user),
    updateUser: (name, change) => request('PUT', `/users/${encodeURIComponent(name)}`, change),
  };
}
