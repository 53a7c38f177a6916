// The "Email and notification" pages (manual 8.6, docs/delivery.md): pure helpers the pages and
// the node tests share.

/** The four pages under Web Server configuration > Email and notification, in the manual's order. */
export const NOTIFY_PAGES = Object.freeze([
  { id: 'email', path: '/web-server/notifications/email', titleKey: 'notify.email' },
  { id: 'telegram', path: '/web-server/notifications/telegram', titleKey: 'notify.telegram' },
  { id: 'reports', path: '/web-server/notifications/reports', titleKey: 'notify.reports' },
  { id: 'alerts', path: '/web-server/notifications/alerts', titleKey: 'notify.alerts' },
]);

/** The manual's four alert events, then the Data & Chart thresholds (docs/users.md). */
export const ALERT_EVENTS = Object.freeze([
  'state_change', 'measure_threshold', 'configuration_error', 'communication_error', 'chart_threshold',
]);

/** ["a@b.c", "d@e.f"] -> "a@b.c, d@e.f" (the manual's comma-separated field). */
export function recipientsText(list) {
  return (list || []).join(', ');
}

/** "a@b.c, d@e.f," -> ["a@b.c", "d@e.f"]. */
export function recipientsList(text) {
  return String(text || '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** A new automatic report: the settings' defaults (docs/users.md, "reports"). */
export function newReport() {
  return {
    kind: 'summary', period: 'monthly', format: 'pdf', frequency: 'monthly', time: '06:00',
    devices: [], recipients: [], enabled: true,
  };
}

/**
 * The fields of a form that go to the API: a secret left empty is not sent (the stored one
 * stays: docs/api.md, "write-only").
 * @param {object} form
 * @param {string[]} secrets
 */
export function withoutEmptySecrets(form, secrets) {
  const body = { ...form };
  for (const name of secrets) {
    delete body[`${name}_set`];
    if (!body[name]) delete body[name];
  }
  return body;
}

/** A port field: '' -> null (the security's usual port), '2525' -> 2525, else the text (refused by the server). */
export function portValue(text) {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}
