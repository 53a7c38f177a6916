// The user form of the Users page (manual 8.1.2 add, 8.1.3 edit): what it checks before
// sending, and what it sends. The server checks again and answers 422 with the field.
import { isPin, isPuk, normalizeCode } from './codes.js';
import { PAGE_IDS } from './pages.js';
import { errorMessage } from './errors.js';

export const USER_FIELDS = Object.freeze(['name', 'pin', 'puk', 'pages', 'enabled']);
export const NAME_MAX = 32;

export function emptyUserForm() {
  return { name: '', pin: '', puk: '', pages: [], enabled: true };
}

/** The form of an existing user: codes empty (they are never returned; empty keeps them). */
export function formFromRow(row) {
  return { name: row.name, pin: '', puk: '', pages: sortPages(row.pages), enabled: !!row.enabled };
}

/** Page ids in the manual's order, unknown ones dropped, each once. */
export function sortPages(pages) {
  const have = new Set(pages || []);
  return PAGE_IDS.filter((p) => have.has(p));
}

/** The form with a page ticked or not. */
export function togglePage(form, page, on) {
  const pages = new Set(form.pages);
  if (on) pages.add(page); else pages.delete(page);
  return { ...form, pages: sortPages([...pages]) };
}

function nameError(name) {
  const chars = [...name];
  if (chars.length === 0) return 'users.error.nameRequired';
  if (chars.length > NAME_MAX) return 'users.error.nameLength';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'users.error.nameCharacters';
  if (name.trim() !== name) return 'users.error.nameSpaces';
  return null;
}

/**
 * The fields the form refuses before sending, as {field: {key}}.
 * @param {object} form
 * @param {'new' | 'edit'} mode a new user needs both codes; an edit keeps an empty one
 */
export function validateUserForm(form, mode) {
  const errors = {};
  if (mode === 'new') {
    const key = nameError(form.name);
    if (key) errors.name = { key };
  }
  const pin = normalizeCode(form.pin);
  if ((mode === 'new' || pin !== '') && !isPin(pin)) errors.pin = { key: 'users.error.pin' };
  const puk = normalizeCode(form.puk);
  if ((mode === 'new' || puk !== '') && !isPuk(puk)) errors.puk = { key: 'users.error.puk' };
  if (sortPages(form.pages).length === 0) errors.pages = { key: 'users.error.pages' };
  return errors;
}

/**
 * The body to send: all fields for a new user (POST /api/v1/users); for an edit
 * (PUT /api/v1/users/{name}) only what changed, codes only when typed. null: nothing changed.
 */
export function userPayload(form, mode, original) {
  const pages = sortPages(form.pages);
  if (mode === 'new') {
    return {
      name: form.name,
      pin: normalizeCode(form.pin),
      puk: normalizeCode(form.puk),
      pages,
      enabled: !!form.enabled,
    };
  }
  const change = {};
  if (normalizeCode(form.pin) !== '') change.pin = normalizeCode(form.pin);
  if (normalizeCode(form.puk) !== '') change.puk = normalizeCode(form.puk);
  const before = original ? sortPages(original.pages) : [];
  if (!original || pages.join(',') !== before.join(',')) change.pages = pages;
  if (!original || !!original.enabled !== !!form.enabled) change.enabled = !!form.enabled;
  return Object.keys(change).length ? change : null;
}

/**
 * A refusal of the server as errors to show: a 422 that names a field of the form goes next to
 * that field ({field: {key, params}}, with the server's own reason); anything else is an error
 * of the whole form ({_form: {key, params}}).
 */
export function serverErrors(result) {
  const error = result && result.error;
  const status = result ? result.status : 0;
  if (status === 422 && error && USER_FIELDS.includes(error.field)) {
    return { [error.field]: { key: 'error.invalid', params: { message: error.message || error.field } } };
  }
  return { _form: errorMessage(error, status) };
}
