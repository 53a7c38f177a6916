// The API client: same-origin credentials, the CSRF header on changes, errors as results,
// 401 and 429 as docs/api.md says.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApi } from '../src/lib/api.js';

function fakeFetch(answer) {
  const calls = [];
  const fetchImpl = async (url, init) => {
    calls.push({ url, ...init, headers: { ...init.headers } });
    const { status = 200, body = null, headers = {} } = typeof answer === 'function' ? answer(url, init) : answer;
    const text = body === null ? '' : JSON.stringify(body);
    return {
      status,
      ok: status >= 200 && status < 300,
      headers: { get: (name) => headers[name] ?? null },
      text: async () => text,
    };
  };
  return { calls, fetchImpl };
}

describe('createApi', () => {
  it('GETs with same-origin credentials and no CSRF header', async () => {
    const { calls, fetchImpl } = fakeFetch({ body: { authenticated: false } });
    const api = createApi({ fetchImpl, csrfToken: () => 'tok' });
    const result = await api.session();
    assert.deepEqual(result, { ok: true, status: 200, data: { authenticated: false }, error: null });
    assert.equal(calls[0].url, '/api/v1/session');
    assert.equal(calls[0].method, 'GET');
    assert.equal(calls[0].credentials, 'same-origin');
    assert.equal(calls[0].headers['X-CSRF-Token'], undefined);
    assert.equal(calls[0].body, undefined);
  });

  it('sends X-CSRF-Token on changes, but not on login', async () => {
    const { calls, fetchImpl } = fakeFetch({ status: 204 });
    const api = createApi({ fetchImpl, csrfToken: () => 'tok' });
    await api.logout('lock');
    await api.updateUser('Jean Dupont', { enabled: false });
    await api.addUser({ name: 'x' });
    await api.login({ pin: '99999' });
    assert.equal(calls[0].url, '/api/v1/session/logout');
    assert.equal(calls[0].headers['X-CSRF-Token'], 'tok');
    assert.equal(calls[0].body, '{"mode":"lock"}');
    assert.equal(calls[0].headers['Content-Type'], 'application/json');
    assert.equal(calls[1].method, 'PUT');
    assert.equal(calls[1].url, '/api/v1/users/Jean%20Dupont');
    assert.equal(calls[1].headers['X-CSRF-Token'], 'tok');
    assert.equal(calls[2].method, 'POST');
    assert.equal(calls[2].headers['X-CSRF-Token'], 'tok');
    assert.equal(calls[3].url, '/api/v1/session/login');
    assert.equal(calls[3].headers['X-CSRF-Token'], undefined);
  });

  it('answers errors as results with the server\'s error object', async () => {
    const { fetchImpl } = fakeFetch({ status: 422, body: { error: { code: 'invalid', field: 'pin', message: 'must be 5 digits' } } });
    const result = await createApi({ fetchImpl }).addUser({});
    assert.equal(result.ok, false);
    assert.equal(result.status, 422);
    assert.deepEqual(result.error, { code: 'invalid', field: 'pin', message: 'must be 5 digits' });
  });

  it('tells about a 401 outside login, not about a refused login', async () => {
    let told = 0;
    const { fetchImpl } = fakeFetch({ status: 401, body: { error: { code: 'unauthenticated' } } });
    const api = createApi({ fetchImpl, onUnauthenticated: () => { told++; } });
    await api.home();
    assert.equal(told, 1);
    const refused = fakeFetch({ status: 401, body: { error: { code: 'wrong-code' } } });
    const login = createApi({ fetchImpl: refused.fetchImpl, onUnauthenticated: () => { told++; } });
    const result = await login.login({ pin: '12345' });
    assert.equal(told, 1);
    assert.equal(result.error.code, 'wrong-code');
  });

  it('reads the lockout time from the error, the body or the Retry-After header', async () => {
    const inError = fakeFetch({ status: 429, body: { error: { code: 'locked-out', retryAfterSeconds: 60 } } });
    assert.equal((await createApi({ fetchImpl: inError.fetchImpl }).login({})).error.retryAfterSeconds, 60);
    const inBody = fakeFetch({ status: 429, body: { error: { code: 'locked-out' }, retryAfterSeconds: 12.2 } });
    assert.equal((await createApi({ fetchImpl: inBody.fetchImpl }).login({})).error.retryAfterSeconds, 13);
    const inHeader = fakeFetch({ status: 429, body: null, headers: { 'Retry-After': '45' } });
    const result = await createApi({ fetchImpl: inHeader.fetchImpl }).login({});
    assert.equal(result.error.code, 'locked-out');
    assert.equal(result.error.retryAfterSeconds, 45);
  });

  it('answers status 0 "network" when the server cannot be reached', async () => {
    const api = createApi({ fetchImpl: async () => { throw new TypeError('Failed to fetch'); } });
    assert.deepEqual(await api.home(), { ok: false, status: 0, data: null, error: { code: 'network' } });
  });

  it('survives a body that is not JSON', async () => {
    const api = createApi({ fetchImpl: async () => ({ status: 502, ok: false, headers: { get: () => null }, text: async () => '<html>' }) });
    const result = await api.home();
    assert.equal(result.status, 502);
    assert.deepEqual(result.error, { code: 'http-502' });
  });
});
