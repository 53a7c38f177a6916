// The login page's steps (manual 8.1, 8.1.4; mobile guide 7.1.2): PIN, then PUK when needed,
// then home; wrong codes, lockout.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialLoginState, loginTransition } from '../src/lib/login-machine.js';

const run = (state, ...events) => events.reduce(loginTransition, state);
const ok = { status: 200, data: { user: { name: 'greenUp', pages: [], manager: true }, csrfToken: 'tok' }, error: null };
const refused = (status, code, extra = {}) => ({ status, data: null, error: { code, ...extra } });

describe('login state machine', () => {
  it('unlocked browser: PIN -> request {pin} -> home', () => {
    let s = initialLoginState({ browserUnlocked: true });
    assert.equal(s.step, 'pin');
    s = run(s, { type: 'submit-pin', pin: '88888' });
    assert.equal(s.step, 'submitting');
    assert.deepEqual(s.request, { pin: '88888' });
    s = run(s, { type: 'response', result: ok });
    assert.equal(s.step, 'done');
    assert.equal(s.user.name, 'greenUp');
    assert.equal(s.csrfToken, 'tok');
    assert.equal(s.request, null);
  });

  it('locked browser (after Lock): PIN -> PUK asked without a request -> {pin, puk} -> home', () => {
    let s = initialLoginState({ browserUnlocked: false });
    s = run(s, { type: 'submit-pin', pin: '88888' });
    assert.equal(s.step, 'puk');
    assert.equal(s.request, null);
    s = run(s, { type: 'submit-puk', puk: '00000 8888 00000' });
    assert.equal(s.step, 'submitting');
    assert.deepEqual(s.request, { pin: '88888', puk: '00000888800000' });
    s = run(s, { type: 'response', result: ok });
    assert.equal(s.step, 'done');
  });

  it('the server asks for the PUK: PIN -> puk-required -> PUK -> home', () => {
    let s = run(initialLoginState(), { type: 'submit-pin', pin: '99999' },
      { type: 'response', result: refused(401, 'puk-required') });
    assert.equal(s.step, 'puk');
    assert.equal(s.error, null);
    assert.equal(s.browserUnlocked, false);
    s = run(s, { type: 'submit-puk', puk: '00000999900000' });
    assert.deepEqual(s.request, { pin: '99999', puk: '00000999900000' });
    s = run(s, { type: 'response', result: ok });
    assert.equal(s.step, 'done');
  });

  it('a wrong code goes back to the PIN with an error', () => {
    let s = run(initialLoginState(), { type: 'submit-pin', pin: '12345' },
      { type: 'response', result: refused(401, 'wrong-code') });
    assert.equal(s.step, 'pin');
    assert.deepEqual(s.error, { key: 'error.wrongCode' });
    assert.equal(s.pin, '');
    s = run(initialLoginState({ browserUnlocked: false }), { type: 'submit-pin', pin: '99999' },
      { type: 'submit-puk', puk: '00000000000000' }, { type: 'response', result: refused(401, 'wrong-code') });
    assert.equal(s.step, 'pin');
    assert.deepEqual(s.error, { key: 'error.wrongCode' });
  });

  it('a new submit clears the error', () => {
    const s = run(initialLoginState(), { type: 'submit-pin', pin: '1' }, { type: 'submit-pin', pin: '99999' });
    assert.equal(s.error, null);
    assert.equal(s.step, 'submitting');
  });

  it('checks the form of the codes before sending: 5 and 14 digits, spaces dropped', () => {
    for (const pin of ['', '1234', '123456', 'abcde', '12 34']) {
      const s = run(initialLoginState(), { type: 'submit-pin', pin });
      assert.equal(s.step, 'pin', pin);
      assert.deepEqual(s.error, { key: 'login.pinFormat' });
      assert.equal(s.request, null);
    }
    assert.equal(run(initialLoginState(), { type: 'submit-pin', pin: ' 99 999 ' }).request.pin, '99999');
    const puk = run(initialLoginState({ browserUnlocked: false }), { type: 'submit-pin', pin: '99999' },
      { type: 'submit-puk', puk: '0000 9999 0000' });
    assert.equal(puk.step, 'puk');
    assert.deepEqual(puk.error, { key: 'login.pukFormat' });
  });

  it('too many wrong codes: locked for the time the server says, counting down, then the PIN', () => {
    let s = run(initialLoginState(), { type: 'submit-pin', pin: '12345' },
      { type: 'response', result: refused(429, 'locked-out', { retryAfterSeconds: 30 }), now: 1000 });
    assert.equal(s.step, 'locked');
    assert.equal(s.lockedUntil, 31000);
    assert.deepEqual(s.error, { key: 'error.lockedOut', params: { seconds: 30 } });
    assert.equal(run(s, { type: 'submit-pin', pin: '99999' }), s, 'no submit while locked');
    s = run(s, { type: 'tick', now: 11000 });
    assert.deepEqual(s.error.params, { seconds: 20 });
    s = run(s, { type: 'tick', now: 30500 });
    assert.deepEqual(s.error.params, { seconds: 1 });
    s = run(s, { type: 'tick', now: 31000 });
    assert.equal(s.step, 'pin');
    assert.equal(s.error, null);
  });

  it('a 429 without a time waits 30 s', () => {
    const s = run(initialLoginState(), { type: 'submit-pin', pin: '12345' },
      { type: 'response', result: refused(429, 'http-429'), now: 0 });
    assert.equal(s.lockedUntil, 30000);
  });

  it('a network failure or a server error keeps the step, with its message', () => {
    let s = run(initialLoginState(), { type: 'submit-pin', pin: '99999' },
      { type: 'response', result: { status: 0, data: null, error: { code: 'network' } } });
    assert.equal(s.step, 'pin');
    assert.deepEqual(s.error, { key: 'error.network' });
    s = run(initialLoginState({ browserUnlocked: false }), { type: 'submit-pin', pin: '99999' },
      { type: 'submit-puk', puk: '00000999900000' },
      { type: 'response', result: refused(500, 'internal') });
    assert.equal(s.step, 'puk');
    assert.deepEqual(s.error, { key: 'error.server', params: { status: 500 } });
  });

  it('Back from the PUK asks for the PIN again', () => {
    const s = run(initialLoginState({ browserUnlocked: false }), { type: 'submit-pin', pin: '99999' }, { type: 'back' });
    assert.equal(s.step, 'pin');
    assert.equal(s.pin, '');
  });

  it('ignores answers and events that do not fit the step', () => {
    const s = initialLoginState();
    assert.equal(run(s, { type: 'response', result: ok }), s);
    assert.equal(run(s, { type: 'submit-puk', puk: '00000999900000' }), s);
    assert.equal(run(s, { type: 'tick', now: 5 }), s);
    assert.equal(run(s, { type: 'nonsense' }), s);
  });

  it('keeps the notice until the first submit', () => {
    let s = initialLoginState({ notice: { key: 'login.lockedNotice' } });
    assert.deepEqual(s.notice, { key: 'login.lockedNotice' });
    s = run(s, { type: 'submit-pin', pin: '99999' });
    assert.equal(s.notice, null);
  });
});
