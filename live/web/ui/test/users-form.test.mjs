// The Users page's form (manual 8.1.2, 8.1.3): checks before sending, what is sent, and where
// the server's refusals are shown.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  emptyUserForm, formFromRow, serverErrors, sortPages, togglePage, userPayload, validateUserForm,
} from '../src/lib/users-form.js';

const row = { name: 'installer', enabled: true, usesDefaultCode: true,
  pages: ['reports_alarms', 'system_configuration', 'my_panel_board', 'consumptions'] };

describe('validateUserForm', () => {
  it('a new user needs a name, both codes and a page', () => {
    assert.deepEqual(validateUserForm(emptyUserForm(), 'new'), {
      name: { key: 'users.error.nameRequired' },
      pin: { key: 'users.error.pin' },
      puk: { key: 'users.error.puk' },
      pages: { key: 'users.error.pages' },
    });
    const good = { name: 'frank', pin: '12345', puk: '12345 6789 01234', pages: ['consumptions'], enabled: true };
    assert.deepEqual(validateUserForm(good, 'new'), {});
  });

  it('checks names as the user store does', () => {
    const errorOf = (name) => validateUserForm({ ...emptyUserForm(), name, pin: '12345', puk: '12345678901234',
      pages: ['consumptions'] }, 'new').name;
    assert.equal(errorOf('x'.repeat(32)), undefined);
    assert.equal(errorOf('é'.repeat(32)), undefined, 'characters, not bytes');
    assert.deepEqual(errorOf('x'.repeat(33)), { key: 'users.error.nameLength' });
    assert.deepEqual(errorOf(' frank'), { key: 'users.error.nameSpaces' });
    assert.deepEqual(errorOf('fr\tank'), { key: 'users.error.nameCharacters' });
  });

  it('an edit keeps empty codes and checks typed ones', () => {
    const form = formFromRow(row);
    assert.deepEqual(validateUserForm(form, 'edit'), {});
    assert.deepEqual(validateUserForm({ ...form, pin: '123' }, 'edit'), { pin: { key: 'users.error.pin' } });
    assert.deepEqual(validateUserForm({ ...form, puk: '1' }, 'edit'), { puk: { key: 'users.error.puk' } });
    assert.deepEqual(validateUserForm({ ...form, pages: [] }, 'edit'), { pages: { key: 'users.error.pages' } });
  });
});

describe('userPayload', () => {
  it('a new user: every field, codes without spaces, pages in the manual\'s order', () => {
    const form = { name: 'frank', pin: '12 345', puk: '12345 6789 01234', pages: ['reports_alarms', 'consumptions'], enabled: false };
    assert.deepEqual(userPayload(form, 'new'), {
      name: 'frank', pin: '12345', puk: '12345678901234', pages: ['consumptions', 'reports_alarms'], enabled: false,
    });
  });

  it('an edit sends only what changed', () => {
    const form = formFromRow(row);
    assert.equal(userPayload(form, 'edit', row), null);
    assert.deepEqual(userPayload({ ...form, pin: '54321' }, 'edit', row), { pin: '54321' });
    assert.deepEqual(userPayload({ ...form, enabled: false }, 'edit', row), { enabled: false });
    const fewer = togglePage(form, 'system_configuration', false);
    assert.deepEqual(userPayload(fewer, 'edit', row), { pages: ['my_panel_board', 'consumptions', 'reports_alarms'] });
    assert.deepEqual(userPayload({ ...form, puk: '00000 1234 00000' }, 'edit', row), { puk: '00000123400000' });
  });

  it('the form of a row never holds its codes', () => {
    const form = formFromRow(row);
    assert.equal(form.pin, '');
    assert.equal(form.puk, '');
    assert.deepEqual(form.pages, sortPages(row.pages));
  });
});

describe('togglePage', () => {
  it('adds and removes, keeping the manual\'s order', () => {
    let form = emptyUserForm();
    form = togglePage(form, 'reports_alarms', true);
    form = togglePage(form, 'web_server_configuration', true);
    assert.deepEqual(form.pages, ['web_server_configuration', 'reports_alarms']);
    form = togglePage(form, 'web_server_configuration', false);
    assert.deepEqual(form.pages, ['reports_alarms']);
  });
});

describe('serverErrors', () => {
  it('a 422 goes next to its field, in the server\'s words', () => {
    assert.deepEqual(serverErrors({ status: 422, error: { code: 'invalid', field: 'enabled',
      message: 'no enabled user could manage users any more' } }), {
      enabled: { key: 'error.invalid', params: { message: 'no enabled user could manage users any more' } },
    });
  });
  it('anything else is an error of the form', () => {
    assert.deepEqual(serverErrors({ status: 403, error: { code: 'forbidden' } }), { _form: { key: 'error.forbidden' } });
    assert.deepEqual(serverErrors({ status: 403, error: { code: 'csrf' } }), { _form: { key: 'error.csrf' } });
    assert.deepEqual(serverErrors({ status: 422, error: { code: 'invalid', field: 'color', message: 'm' } }),
      { _form: { key: 'error.invalid', params: { message: 'm' } } });
    assert.deepEqual(serverErrors({ status: 0, error: { code: 'network' } }), { _form: { key: 'error.network' } });
  });
});
