// PIN and PUK codes as the pages check them before sending (docs/users.md, "Codes"):
// a PIN is 5 digits, a PUK 14; spaces are separators and are dropped.

export const PIN_DIGITS = 5;
export const PUK_DIGITS = 14;

/** "00000 9999 00000" -> "00000999900000". */
export function normalizeCode(code) {
  return String(code ?? '').replace(/\s+/g, '');
}

export function isPin(code) {
  return new RegExp(`^\\d{${PIN_DIGITS}}$`).test(normalizeCode(code));
}

export function isPuk(code) {
  return new RegExp(`^\\d{${PUK_DIGITS}}$`).test(normalizeCode(code));
}
