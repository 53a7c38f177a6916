#!/usr/bin/env node
// DEVELOPMENT MOCK: never built into, installed with or used by the product.
//
// An in-memory stand-in for the web server of live/web (docs/api.md: the routes of the login,
// home and users pages), serving a built front-end the way the real server does (index.html
// for paths without an extension, the security headers). It lets the pages and the browser
// tests run before, or without, the C++ server. Codes are kept in clear here: this is a mock.
//
//   node dev/mock-server.mjs --static DIR [--port 8080] [--host 127.0.0.1]
//        [--default-language en] [--site-name NAME] [--variant 32] [--lockout-seconds 30]
//
// Mock-only route: POST /__mock__/reset puts the four default users back and forgets every
// session, unlocked browser and lockout (for browser tests that need a known start).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PAGES = [
  'web_server_configuration', 'system_configuration', 'my_panel_board', 'consumptions',
  'green_up', 'reports_data_download', 'reports_alarms',
];
export const PAGE_HREFS = {
  web_server_configuration: '/web-server',
  system_configuration: '/system',
  my_panel_board: '/panel-board',
  consumptions: '/consumptions',
  green_up: '/green-up',
  reports_data_download: '/reports/download',
  reports_alarms: '/reports/alarms',
};
export const LANGUAGES = ['de', 'en', 'es', 'fr', 'fr-BE', 'el', 'it', 'hu', 'nl-BE', 'nl', 'pl', 'pt', 'ru'];

/** The manual's four users (docs/users.md, "Default users"). */
export const DEFAULT_USERS = [
  { name: 'administrator', pin: '99999', puk: '00000999900000',
    pages: ['web_server_configuration', 'system_configuration', 'my_panel_board', 'consumptions',
      'reports_data_download', 'reports_alarms'] },
  { name: 'greenUp', pin: '88888', puk: '00000888800000', pages: [...PAGES] },
  { name: 'installer', pin: '55555', puk: '00000555500000',
    pages: ['system_configuration', 'my_panel_board', 'consumptions', 'reports_alarms'] },
  { name: 'user', pin: '11111', puk: '00000111100000', pages: ['consumptions', 'reports_alarms'] },
];
const DEFAULT_PINS = new Set(DEFAULT_USERS.map((u) => u.pin));
const DEFAULT_PUKS = new Set(DEFAULT_USERS.map((u) => u.puk));

const IDLE_MS = 30 * 60 * 1000;
const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
const BODY_LIMIT = 64 * 1024;
const LOCKOUT_AFTER = 5;

const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

class ApiError extends Error {
  constructor(status, code, message, extra = {}) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

const invalid = (field, message) => new ApiError(422, 'invalid', message, { field });

function normalizeCode(code) {
  return String(code).replace(/\s+/g, '');
}

function parseCookies(header) {
  const out = {};
  for (const part of String(header || '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

/**
 * @param {object} options
 * @param {string} [options.staticDir] the built front-end; without it only /api answers
 * @param {() => number} [options.now] the clock (ms), for tests
 * @param {number} [options.lockoutSeconds] the first lockout's length (30 s, as the server)
 */
export function createMockServer({
  staticDir = null, now = () => Date.now(), lockoutSeconds = 30, defaultLanguage = 'en',
  siteName = 'ews-twin (mock server)', variant = '32',
} = {}) {
  const state = {};

  function reset() {
    state.users = DEFAULT_USERS.map((u) => ({ ...u, pages: [...u.pages], enabled: true }));
    state.sessions = new Map();
    state.browsers = new Set();
    state.failures = new Map();
  }
  reset();

  const findUser = (name) => state.users.find((u) => u.name.toLowerCase() === String(name).toLowerCase());
  const canManage = (u) => u && u.enabled && ['administrator', 'greenUp'].includes(u.name)
    && u.pages.includes('web_server_configuration');
  const usesDefaultCode = (u) => DEFAULT_PINS.has(u.pin) || DEFAULT_PUKS.has(u.puk);
  const userJson = (u) => ({ name: u.name, pages: PAGES.filter((p) => u.pages.includes(p)),
    manager: canManage(u), usesDefaultCode: usesDefaultCode(u) });
  const rowJson = (u) => ({ name: u.name, enabled: u.enabled, pages: PAGES.filter((p) => u.pages.includes(p)),
    usesDefaultCode: usesDefaultCode(u) });

  function sessionOf(req) {
    const id = parseCookies(req.headers.cookie).ews_session;
    const s = id && state.sessions.get(id);
    if (!s) return null;
    const t = now();
    const user = findUser(s.user);
    if (t - s.lastSeen > IDLE_MS || t - s.created > ABSOLUTE_MS || !user || !user.enabled) {
      state.sessions.delete(id);
      return null;
    }
    s.lastSeen = t;
    return { id, ...s, user };
  }

  function browserUnlocked(req) {
    const token = parseCookies(req.headers.cookie).ews_browser;
    return !!token && state.browsers.has(token);
  }

  function checkLockout(keys) {
    const t = now();
    let until = 0;
    for (const key of keys) {
      const f = state.failures.get(key);
      if (f && f.lockedUntil > t) until = Math.max(until, f.lockedUntil);
    }
    if (until) {
      const seconds = Math.ceil((until - t) / 1000);
      throw new ApiError(429, 'locked-out', `too many wrong codes: wait ${seconds} s`,
        { retryAfterSeconds: seconds });
    }
  }

  function fail(keys) {
    for (const key of keys) {
      const f = state.failures.get(key) || { count: 0, lockedUntil: 0 };
      f.count += 1;
      if (f.count >= LOCKOUT_AFTER) {
        const seconds = Math.min(3600, lockoutSeconds * 2 ** (f.count - LOCKOUT_AFTER));
        f.lockedUntil = now() + seconds * 1000;
      }
      state.failures.set(key, f);
    }
  }

  function requireSession(req) {
    const s = sessionOf(req);
    if (!s) throw new ApiError(401, 'unauthenticated', 'no session');
    if (!['GET', 'HEAD'].includes(req.method) && req.headers['x-csrf-token'] !== s.csrf) {
      throw new ApiError(403, 'csrf', 'missing or wrong X-CSRF-Token');
    }
    return s;
  }

  function requirePage(s, page) {
    if (!s.user.pages.includes(page)) throw new ApiError(403, 'forbidden', `needs the page ${page}`);
  }

  function requireManager(s) {
    requirePage(s, 'web_server_configuration');
    if (!canManage(s.user)) throw new ApiError(403, 'forbidden', 'only administrator and greenUp manage users');
  }

  function checkName(name) {
    if (typeof name !== 'string') throw new ApiError(400, 'bad-request', 'name: a string');
    const n = [...name].length;
    if (n < 1 || n > 32) throw invalid('name', 'must have 1 to 32 characters');
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(name)) throw invalid('name', 'must not contain control characters');
    if (name.trim() !== name) throw invalid('name', 'must not begin or end with a space');
    if (findUser(name)) throw invalid('name', 'a user with this name exists');
  }

  function checkCode(field, value, digits) {
    if (typeof value !== 'string') throw new ApiError(400, 'bad-request', `${field}: a string`);
    const code = normalizeCode(value);
    if (!new RegExp(`^\\d{${digits}}$`).test(code)) throw invalid(field, `must be ${digits} digits`);
    return code;
  }

  function checkPages(pages) {
    if (!Array.isArray(pages) || pages.some((p) => typeof p !== 'string')) {
      throw new ApiError(400, 'bad-request', 'pages: an array of page ids');
    }
    const unknown = pages.find((p) => !PAGES.includes(p));
    if (unknown) throw invalid('pages', `unknown page '${unknown}'`);
    if (pages.length === 0) throw invalid('pages', 'at least one page');
    return PAGES.filter((p) => pages.includes(p));
  }

  function checkBool(field, value) {
    if (typeof value !== 'boolean') throw new ApiError(400, 'bad-request', `${field}: true or false`);
    return value;
  }

  /** A change that leaves nobody able to manage users is refused (docs/users.md). */
  function checkSomeoneManages(users, field) {
    if (!users.some(canManage)) throw invalid(field, 'no enabled user could manage users any more');
  }

  function sessionJson(req) {
    const s = sessionOf(req);
    return {
      authenticated: !!s,
      browserUnlocked: browserUnlocked(req),
      user: s ? userJson(s.user) : null,
      csrfToken: s ? s.csrf : null,
      defaultLanguage,
      languages: [...LANGUAGES],
      site: { name: siteName, variant },
    };
  }

  function login(req, body, res) {
    if (!body || typeof body !== 'object' || typeof body.pin !== 'string'
      || (body.puk !== undefined && typeof body.puk !== 'string')) {
      throw new ApiError(400, 'bad-request', 'pin (and puk) as strings');
    }
    const address = `addr:${req.socket.remoteAddress}`;
    checkLockout([address]);
    const unlocked = browserUnlocked(req);
    if (!unlocked && body.puk === undefined) throw new ApiError(401, 'puk-required', 'give the PUK too');
    const pin = normalizeCode(body.pin);
    const candidates = state.users.filter((u) => u.enabled && u.pin === pin);
    if (candidates.length) checkLockout(candidates.map((u) => `user:${u.name}`));
    let user = candidates[0];
    if (body.puk !== undefined) {
      const puk = normalizeCode(body.puk);
      user = candidates.find((u) => u.puk === puk);
    }
    if (!user) {
      fail([address, ...candidates.map((u) => `user:${u.name}`)]);
      throw new ApiError(401, 'wrong-code', 'wrong code');
    }
    state.failures.delete(address);
    state.failures.delete(`user:${user.name}`);
    const id = crypto.randomBytes(24).toString('base64url');
    const csrf = crypto.randomBytes(24).toString('base64url');
    state.sessions.set(id, { user: user.name, csrf, created: now(), lastSeen: now() });
    const cookies = [`ews_session=${id}; HttpOnly; SameSite=Strict; Path=/`];
    if (body.puk !== undefined) {
      const token = crypto.randomBytes(24).toString('base64url');
      state.browsers.add(token);
      cookies.push(`ews_browser=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=31536000`);
    }
    res.setHeader('Set-Cookie', cookies);
    return [200, { user: userJson(user), csrfToken: csrf }];
  }

  function logout(req, body, res) {
    const s = requireSession(req);
    if (!body || (body.mode !== 'logout' && body.mode !== 'lock')) {
      throw new ApiError(400, 'bad-request', "mode: 'logout' or 'lock'");
    }
    state.sessions.delete(s.id);
    const cookies = ['ews_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0'];
    if (body.mode === 'lock') {
      state.browsers.delete(parseCookies(req.headers.cookie).ews_browser);
      cookies.push('ews_browser=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0');
    }
    res.setHeader('Set-Cookie', cookies);
    return [204, null];
  }

  function addUser(req, body) {
    const s = requireSession(req);
    requireManager(s);
    if (!body || typeof body !== 'object') throw new ApiError(400, 'bad-request', 'a JSON object');
    for (const field of ['name', 'pin', 'puk', 'pages', 'enabled']) {
      if (body[field] === undefined) throw new ApiError(400, 'bad-request', `${field}: missing`);
    }
    checkName(body.name);
    const user = {
      name: body.name,
      pin: checkCode('pin', body.pin, 5),
      puk: checkCode('puk', body.puk, 14),
      pages: checkPages(body.pages),
      enabled: checkBool('enabled', body.enabled),
    };
    state.users.push(user);
    return [201, rowJson(user)];
  }

  function updateUser(req, body, name) {
    const s = requireSession(req);
    requireManager(s);
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'bad-request', 'a JSON object');
    const extra = Object.keys(body).find((k) => !['pin', 'puk', 'pages', 'enabled'].includes(k));
    if (extra) throw new ApiError(400, 'bad-request', `${extra}: not a member of a user change`);
    const user = findUser(name);
    if (!user) throw new ApiError(404, 'not-found', `no user '${name}'`);
    const next = { ...user, pages: [...user.pages] };
    if (body.pin !== undefined) next.pin = checkCode('pin', body.pin, 5);
    if (body.puk !== undefined) next.puk = checkCode('puk', body.puk, 14);
    if (body.pages !== undefined) next.pages = checkPages(body.pages);
    if (body.enabled !== undefined) next.enabled = checkBool('enabled', body.enabled);
    const after = state.users.map((u) => (u === user ? next : u));
    checkSomeoneManages(after, body.enabled === false ? 'enabled' : 'pages');
    Object.assign(user, next);
    return [200, rowJson(user)];
  }

  function route(req, body, res, pathname) {
    const m = req.method;
    if (pathname === '/api/v1/session' && m === 'GET') return [200, sessionJson(req)];
    if (pathname === '/api/v1/session/login' && m === 'POST') return login(req, body, res);
    if (pathname === '/api/v1/session/logout' && m === 'POST') return logout(req, body, res);
    if (pathname === '/api/v1/home' && m === 'GET') {
      const s = requireSession(req);
      const pages = PAGES.filter((p) => s.user.pages.includes(p));
      return [200, { tiles: pages.map((page) => ({ page, href: PAGE_HREFS[page] })) }];
    }
    if (pathname === '/api/v1/users' && m === 'GET') {
      const s = requireSession(req);
      requireManager(s);
      return [200, state.users.map(rowJson)];
    }
    if (pathname === '/api/v1/users' && m === 'POST') return addUser(req, body);
    const userPath = pathname.match(/^\/api\/v1\/users\/([^/]+)$/);
    if (userPath && m === 'PUT') return updateUser(req, body, decodeURIComponent(userPath[1]));
    if (pathname === '/api/v1/site/live' && m === 'GET') {
      const s = requireSession(req);
      requirePage(s, 'my_panel_board');
      // No simulated site behind the mock: an honest, empty snapshot.
      return [200, { at: new Date(now()).toISOString(), configVersion: 0, devices: [], dlm: null }];
    }
    throw new ApiError(404, 'not-found', `no route ${m} ${pathname}`);
  }

  function send(res, status, body, headers = {}) {
    for (const [k, v] of Object.entries({ ...SECURITY_HEADERS, ...headers })) res.setHeader(k, v);
    if (body === null) {
      res.writeHead(status);
      res.end();
      return;
    }
    const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.writeHead(status);
    res.end(text);
  }

  function serveStatic(req, res, pathname) {
    if (!staticDir) return send(res, 404, 'no --static folder given\n', { 'Content-Type': 'text/plain; charset=utf-8' });
    const root = path.resolve(staticDir);
    let file = path.resolve(root, `.${decodeURIComponent(pathname)}`);
    if (!file.startsWith(root + path.sep) && file !== root) return send(res, 404, 'not found\n', { 'Content-Type': 'text/plain' });
    if (path.extname(pathname) === '') file = path.join(root, 'index.html');
    let data;
    try {
      data = fs.readFileSync(file);
    } catch {
      return send(res, 404, 'not found\n', { 'Content-Type': 'text/plain; charset=utf-8' });
    }
    const immutable = pathname.startsWith('/assets/');
    return send(res, 200, req.method === 'HEAD' ? '' : data, {
      'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  }

  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://mock');
    if (pathname === '/__mock__/reset' && req.method === 'POST') {
      reset();
      return send(res, 204, null);
    }
    if (!pathname.startsWith('/api/')) return serveStatic(req, res, pathname);

    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        if (size > BODY_LIMIT) throw new ApiError(413, 'too-large', 'body over 64 KiB');
        let body;
        if (size > 0) {
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            throw new ApiError(400, 'bad-request', 'not JSON');
          }
        }
        const [status, answer] = route(req, body, res, pathname);
        send(res, status, answer);
      } catch (error) {
        if (!(error instanceof ApiError)) {
          send(res, 500, { error: { code: 'internal', message: String(error && error.message) } });
          return;
        }
        const headers = error.status === 429 ? { 'Retry-After': String(error.extra.retryAfterSeconds) } : {};
        send(res, error.status, { error: { code: error.code, message: error.message, ...error.extra } }, headers);
      }
    });
    return undefined;
  });
  server.mock = { state, reset };
  return server;
}

function main(argv) {
  const options = { port: 8080, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--static') options.staticDir = value;
    else if (flag === '--port') options.port = Number(value);
    else if (flag === '--host') options.host = value;
    else if (flag === '--default-language') options.defaultLanguage = value;
    else if (flag === '--site-name') options.siteName = value;
    else if (flag === '--variant') options.variant = value;
    else if (flag === '--lockout-seconds') options.lockoutSeconds = Number(value);
    else throw new Error(`unknown option ${flag}`);
  }
  const server = createMockServer(options);
  server.listen(options.port, options.host, () => {
    const { port } = server.address();
    console.log(`DEVELOPMENT MOCK of the ews web server on http://${options.host}:${port}/`
      + ` (static: ${options.staticDir || 'none'})`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`mock-server: ${error.message}`);
    process.exit(2);
  }
}
