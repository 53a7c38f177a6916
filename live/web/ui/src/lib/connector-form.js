// The Connector page's form (manual 7.12, docs/connector.md): between the API's settings
// (docs/api.md, "Connector") and the page's text fields. Pure, for the node tests.

export const CONNECTOR_MODES = ['off', 'sftp', 'scp'];

/** The API's settings as the form's text fields; secrets start empty ("keep"). */
export function formFromSettings(settings) {
  return {
    mode: settings.mode || 'off',
    address: settings.address || '',
    port: settings.port == null ? '' : String(settings.port),
    username: settings.username || '',
    password: '',
    privateKey: '',
    sourceFolders: (settings.source_folders || []).join(', '),
    destination: settings.destination || '',
    day: settings.day ?? '*',
    hour: settings.hour ?? '0',
  };
}

/**
 * The PUT body: every field but the secrets, which go only when typed (an empty field keeps
 * the stored one; `clearPassword`/`clearKey` remove it). An empty port is the default 22.
 */
export function settingsPayload(form, { clearPassword = false, clearKey = false } = {}) {
  const body = {
    mode: form.mode,
    address: form.address.trim(),
    port: form.port.trim() === '' ? null : Number(form.port.trim()),
    username: form.username.trim(),
    source_folders: form.sourceFolders.split(',').map((s) => s.trim()).filter(Boolean),
    destination: form.destination.trim(),
    day: form.day.trim() || '*',
    hour: form.hour.trim() || '*',
  };
  if (form.password !== '' || clearPassword) body.password = clearPassword ? '' : form.password;
  if (form.privateKey.trim() !== '' || clearKey) body.private_key = clearKey ? '' : form.privateKey.trim() + '\n';
  return body;
}
