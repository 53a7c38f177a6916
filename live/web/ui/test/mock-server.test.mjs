// The development mock server (dev/mock-server.mjs) against the pages' own client code: the
// API client and the login state machine drive it as the pages do. This checks the mock
// follows docs/api.md and the pages' logic end to end; it says nothing about the C++ server.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createMockServer } from '../dev/mock-server.mjs';
import { createApi } from '../src/lib/api.js';
import { initialLoginState, loginTransition } from '../src/lib/login-machine.js';

let server;
let base;
let staticDir;

before(async () => {
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ews-ui-mock-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
  server = createMockServer({ staticDir });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(staticDir, { recursive: true, force: true });
});

beforeEach(() => server.mock.reset());

function setCookies(response) {
  if (typeof response.headers.getSetCookie === 'function') return response.headers.getSetCookie();
  const joined = response.headers.get('set-cookie');
  return joined ? joined.split(/,(?=\s*ews_)/) : [];
}

/** A browser: a cookie jar, and the pages' API client on top of it. */
function browser() {
  const jar = new Map();
  let csrf = null;
  const fetchImpl = async (url, init = {}) => {
    const headers = { ...init.headers };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(base + url, { ...init, headers });
    for (const cookie of setCookies(response)) {
      const [pair] = cookie.split(';');
      const [name, value] = pair.trim().split('=');
      if (/max-age=0/i.test(cookie) || !value) jar.delete(name); else jar.set(name, value);
    }
    return response;
  };
  const api = createApi({ fetchImpl, csrfToken: () => csrf });
  return { jar, api, fetchImpl, setCsrf: (t) => { csrf = t; } };
}

/** Runs the login page's state machine against the server with these inputs. */
async function loginAs(b, { pin, puk }) {
  const session = await b.api.session();
  let state = initialLoginState({ browserUnlocked: session.data.browserUnlocked });
  const steps = [state.step];
  state = loginTransition(state, { type: 'submit-pin', pin });
  for (let guard = 0; guard < 5 && state.step !== 'done'; guard++) {
    if (state.step === 'puk') state = loginTransition(state, { type: 'submit-puk', puk });
    if (state.step !== 'submitting') break;
    steps.push('submitting');
    const result = await b.api.login(state.request);
    state = loginTransition(state, { type: 'response', result, now: Date.now() });
    steps.push(state.step);
  }
  if (state.step === 'done') b.setCsrf(state.csrfToken);
  return { state, steps };
}

describe('mock server with the pages\' client', () => {
  it('a new browser: PIN, then PUK, then the home tiles of greenUp', async () => {
    const b = browser();
    const session = await b.api.session();
    assert.equal(session.data.authenticated, false);
    assert.equal(session.data.browserUnlocked, false);
    assert.equal(session.data.defaultLanguage, 'en');
    assert.equal(session.data.languages.length, 13);
    const { state } = await loginAs(b, { pin: '88888', puk: '00000 8888 00000' });
    assert.equal(state.step, 'done');
    assert.deepEqual(state.user, { name: 'greenUp', pages: [
      'web_server_configuration', 'system_configuration', 'my_panel_board', 'consumptions', 'green_up',
      'reports_data_download', 'reports_alarms'], manager: true, usesDefaultCode: true });
    const home = await b.api.home();
    assert.deepEqual(home.data.tiles.map((t) => t.href),
      ['/web-server', '/system', '/panel-board', '/consumptions', '/green-up', '/reports/download', '/reports/alarms']);
    assert.ok(b.jar.has('ews_browser'));
  });

  it('an unlocked browser: the PIN alone after Logout, PIN and PUK after Lock', async () => {
    const b = browser();
    await loginAs(b, { pin: '99999', puk: '00000999900000' });
    assert.equal((await b.api.logout('logout')).status, 204);
    assert.equal((await b.api.home()).status, 401);
    let { state, steps } = await loginAs(b, { pin: '99999' });
    assert.equal(state.step, 'done');
    assert.deepEqual(steps, ['pin', 'submitting', 'done']);
    assert.equal((await b.api.logout('lock')).status, 204);
    assert.equal((await b.api.session()).data.browserUnlocked, false);
    ({ state, steps } = await loginAs(b, { pin: '99999', puk: '00000999900000' }));
    assert.equal(state.step, 'done');
  });

  it('the server asks for the PUK when the page thought the browser unlocked', async () => {
    const b = browser();
    let state = loginTransition(initialLoginState({ browserUnlocked: true }), { type: 'submit-pin', pin: '55555' });
    state = loginTransition(state, { type: 'response', result: await b.api.login(state.request) });
    assert.equal(state.step, 'puk');
    state = loginTransition(state, { type: 'submit-puk', puk: '00000555500000' });
    state = loginTransition(state, { type: 'response', result: await b.api.login(state.request) });
    assert.equal(state.step, 'done');
    assert.equal(state.user.name, 'installer');
    assert.equal(state.user.manager, false);
  });

  it('wrong codes: back to the PIN; the sixth try is locked out with its wait', async () => {
    const b = browser();
    for (let i = 0; i < 5; i++) {
      const { state } = await loginAs(b, { pin: '12345', puk: '00000000000000' });
      assert.equal(state.step, 'pin');
      assert.deepEqual(state.error, { key: 'error.wrongCode' });
    }
    const { state } = await loginAs(b, { pin: '99999', puk: '00000999900000' });
    assert.equal(state.step, 'locked');
    assert.equal(state.error.key, 'error.lockedOut');
    assert.ok(state.error.params.seconds > 0 && state.error.params.seconds <= 30);
    const raw = await b.fetchImpl('/api/v1/session/login', { method: 'POST', body: '{"pin":"99999","puk":"00000999900000"}' });
    assert.equal(raw.status, 429);
    assert.ok(Number(raw.headers.get('Retry-After')) > 0);
  });

  it('Users: list, add, a 422 with its field, disable, never lock everyone out', async () => {
    const b = browser();
    await loginAs(b, { pin: '99999', puk: '00000999900000' });
    const list = await b.api.users();
    assert.deepEqual(list.data.map((u) => u.name), ['administrator', 'greenUp', 'installer', 'user']);
    const added = await b.api.addUser({ name: 'frank', pin: '24680', puk: '13579135791357', pages: ['consumptions'], enabled: true });
    assert.equal(added.status, 201);
    assert.deepEqual(added.data, { name: 'frank', enabled: true, pages: ['consumptions'], usesDefaultCode: false });
    const duplicate = await b.api.addUser({ name: 'FRANK', pin: '24680', puk: '13579135791357', pages: ['consumptions'], enabled: true });
    assert.equal(duplicate.status, 422);
    assert.equal(duplicate.error.field, 'name');
    const badPin = await b.api.updateUser('frank', { pin: '1' });
    assert.equal(badPin.error.field, 'pin');
    const disabled = await b.api.updateUser('frank', { enabled: false });
    assert.equal(disabled.data.enabled, false);
    assert.equal((await b.api.updateUser('greenUp', { enabled: false })).status, 200);
    const last = await b.api.updateUser('administrator', { enabled: false });
    assert.equal(last.status, 422);
    assert.equal(last.error.field, 'enabled');
    const pages = await b.api.updateUser('administrator', { pages: ['consumptions'] });
    assert.equal(pages.error.field, 'pages');
    assert.equal((await b.api.updateUser('nobody', { enabled: true })).status, 404);
  });

  it('changes need the CSRF token; Users needs a manager', async () => {
    const b = browser();
    await loginAs(b, { pin: '99999', puk: '00000999900000' });
    b.setCsrf('wrong');
    const refused = await b.api.updateUser('user', { enabled: false });
    assert.equal(refused.status, 403);
    assert.equal(refused.error.code, 'csrf');
    const u = browser();
    await loginAs(u, { pin: '11111', puk: '00000111100000' });
    const forbidden = await u.api.users();
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.error.code, 'forbidden');
    const home = await u.api.home();
    assert.deepEqual(home.data.tiles.map((t) => t.page), ['consumptions', 'reports_alarms']);
  });

  it('serves index.html for the pages\' own paths, with the security headers', async () => {
    for (const p of ['/', '/login', '/web-server/users/edit/x']) {
      const response = await fetch(base + p);
      assert.equal(response.status, 200, p);
      assert.match(await response.text(), /<title>x<\/title>/);
      assert.match(response.headers.get('content-security-policy'), /script-src 'self'; style-src 'self'/);
      assert.equal(response.headers.get('x-frame-options'), 'DENY');
    }
    assert.equal((await fetch(`${base}/assets/missing.js`)).status, 404);
    assert.equal((await fetch(`${base}/../../etc/passwd.txt`)).status, 404);
  });
});
