// The Web Server settings pages (manual 7.7-7.9, 7.11.1, 8.4.1; docs/settings.md) as data: each
// page's API path and fields. The SettingsForm component renders any of them; the node tests
// check the table. Pure: no DOM, no fetch.

const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

/** Option lists: value and catalogue key (numbers are shown as they are: labelKey null). */
const numbers = (values) => values.map((value) => ({ value, labelKey: null }));

/**
 * field: the API member; type: text | number | select | checkbox | password;
 * labelKey / hintKey: catalogue keys; options (select): {value, labelKey}.
 * readOnly members are shown, never sent.
 */
export const SETTINGS_PAGES = Object.freeze({
  network: {
    api: '/settings/network',
    titleKey: 'wsConfig.network.title',
    introKey: 'wsConfig.network.intro',
    fields: [
      { field: 'address', type: 'text', labelKey: 'wsConfig.network.address' },
      { field: 'subnet_mask', type: 'text', labelKey: 'wsConfig.network.subnetMask' },
      { field: 'gateway', type: 'text', labelKey: 'wsConfig.network.gateway' },
      { field: 'dns', type: 'text', labelKey: 'wsConfig.network.dns', hintKey: 'wsConfig.network.dnsHint' },
    ],
  },
  modbus: {
    api: '/settings/modbus',
    titleKey: 'wsConfig.modbus.title',
    introKey: 'wsConfig.modbus.intro',
    fields: [
      { field: 'parity', type: 'select', labelKey: 'wsConfig.modbus.parity',
        options: [
          { value: 'none', labelKey: 'wsConfig.modbus.parityNone' },
          { value: 'even', labelKey: 'wsConfig.modbus.parityEven' },
          { value: 'odd', labelKey: 'wsConfig.modbus.parityOdd' },
        ] },
      { field: 'stop_bits', type: 'select', labelKey: 'wsConfig.modbus.stopBits', options: numbers([1, 2]) },
      { field: 'baud', type: 'select', labelKey: 'wsConfig.modbus.baud', options: numbers(BAUD_RATES) },
      { field: 'timeout_ms', type: 'number', labelKey: 'wsConfig.modbus.timeout', hintKey: 'wsConfig.modbus.timeoutHint' },
      { field: 'tcp_server', type: 'checkbox', labelKey: 'wsConfig.modbus.tcpServer' },
      { field: 'tcp_server_port', type: 'number', labelKey: 'wsConfig.modbus.tcpServerPort' },
    ],
  },
  time: {
    api: '/settings/time',
    titleKey: 'wsConfig.time.title',
    introKey: 'wsConfig.time.intro',
    fields: [
      { field: 'now', type: 'text', readOnly: true, labelKey: 'wsConfig.time.now' },
      { field: 'timezone', type: 'text', labelKey: 'wsConfig.time.timezone', hintKey: 'wsConfig.time.timezoneHint' },
      { field: 'automatic', type: 'checkbox', labelKey: 'wsConfig.time.automatic' },
      { field: 'ntp_server', type: 'text', labelKey: 'wsConfig.time.ntpServer', hintKey: 'wsConfig.time.ntpHint' },
      { field: 'manual_date_time', type: 'text', labelKey: 'timeset.manual', hintKey: 'timeset.manualHint' },
      { field: 'manual_set_at', type: 'text', readOnly: true, labelKey: 'timeset.setAt' },
    ],
  },
  language: {
    api: '/settings/language',
    titleKey: 'wsConfig.language.title',
    introKey: 'wsConfig.language.intro',
    fields: [
      { field: 'language', type: 'select', labelKey: 'wsConfig.language.language', options: 'languages' },
    ],
  },
  csv: {
    api: '/settings/csv',
    titleKey: 'wsConfig.csv.title',
    introKey: 'wsConfig.csv.intro',
    fields: [
      { field: 'decimal_separator', type: 'select', labelKey: 'wsConfig.csv.decimalSeparator',
        options: [
          { value: 'point', labelKey: 'wsConfig.csv.point' },
          { value: 'comma', labelKey: 'wsConfig.csv.comma' },
        ] },
      { field: 'field_separator', type: 'select', labelKey: 'wsConfig.csv.fieldSeparator',
        options: [
          { value: 'comma', labelKey: 'wsConfig.csv.comma' },
          { value: 'semicolon', labelKey: 'wsConfig.csv.semicolon' },
        ] },
      { field: 'ftp_user', type: 'text', readOnly: true, labelKey: 'wsConfig.csv.ftpUser' },
      { field: 'password', type: 'password', labelKey: 'wsConfig.csv.password', hintKey: 'wsConfig.csv.passwordHint' },
    ],
  },
});

/** The page of a settings path segment ("network"), or null. */
export function settingsPage(id) {
  return Object.prototype.hasOwnProperty.call(SETTINGS_PAGES, id) ? SETTINGS_PAGES[id] : null;
}

/** The form's values from a GET answer: every field of the page, passwords empty. */
export function formFromSettings(page, data) {
  const form = {};
  for (const f of page.fields) {
    if (f.type === 'password') form[f.field] = '';
    else if (f.type === 'checkbox') form[f.field] = Boolean(data && data[f.field]);
    else form[f.field] = data && data[f.field] !== undefined && data[f.field] !== null ? data[f.field] : '';
  }
  return form;
}

/**
 * The PUT body: the fields that differ from what was loaded; numbers as numbers; a password
 * only when one was typed (write-only: never sent back empty). null when nothing changed.
 */
export function settingsPayload(page, form, loaded) {
  const body = {};
  for (const f of page.fields) {
    if (f.readOnly) continue;
    const value = form[f.field];
    if (f.type === 'password') {
      if (value !== '') body[f.field] = value;
      continue;
    }
    let typed = value;
    if (f.type === 'number' || (f.type === 'select' && Array.isArray(f.options) && typeof f.options[0].value === 'number')) {
      typed = value === '' ? value : Number(value);
    }
    if (loaded[f.field] !== typed) body[f.field] = typed;
  }
  return Object.keys(body).length ? body : null;
}

/** A 422's field ("csv.decimal_separator") as the form's field ("decimal_separator"), or '_form'. */
export function fieldOfError(page, error) {
  const field = error && typeof error.field === 'string' ? error.field : '';
  const member = field.slice(field.indexOf('.') + 1);
  return page.fields.some((f) => f.field === member) ? member : '_form';
}
