// The Connector page's form (src/lib/connector-form.js): the API's settings to text fields and
// back, secrets sent only when typed or cleared.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formFromSettings, settingsPayload } from '../src/lib/connector-form.js';

const STORED = {
  mode: 'sftp', address: 'backup.example.com', port: null, username: 'ews', password_set: true,
  private_key_set: false, source_folders: ['devices', 'energy'], destination: 'site/%date', day: 'mon', hour: '3',
};

test('the stored settings fill the form, secrets empty', () => {
  const form = formFromSettings(STORED);
  assert.equal(form.port, '');
  assert.equal(form.sourceFolders, 'devices, energy');
  assert.equal(form.password, '');
  assert.equal(form.day, 'mon');
});

test('an untouched form sends no secret and the default port as null', () => {
  const body = settingsPayload(formFromSettings(STORED));
  assert.deepEqual(body, {
    mode: 'sftp', address: 'backup.example.com', port: null, username: 'ews',
    source_folders: ['devices', 'energy'], destination: 'site/%date', day: 'mon', hour: '3',
  });
});

test('typed secrets are sent, cleared ones as empty strings, folders split on commas', () => {
  const form = { ...formFromSettings(STORED), password: 'pw', port: '2222', sourceFolders: ' gas ,, water ' };
  const body = settingsPayload(form);
  assert.equal(body.password, 'pw');
  assert.equal(body.port, 2222);
  assert.deepEqual(body.source_folders, ['gas', 'water']);
  assert.equal(settingsPayload(formFromSettings(STORED), { clearPassword: true }).password, '');
  assert.equal(settingsPayload({ ...formFromSettings(STORED), privateKey: 'KEY' }).private_key, 'KEY\n');
});

test('empty day and hour mean every day and every hour', () => {
  const body = settingsPayload({ ...formFromSettings(STORED), day: ' ', hour: '' });
  assert.equal(body.day, '*');
  assert.equal(body.hour, '*');
});
