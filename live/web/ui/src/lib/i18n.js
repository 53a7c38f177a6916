// Message catalogues: one flat JSON object `key -> text` per language, served as
// /i18n/<id>.json. Texts may hold parameters written {name}.

/** The manual's 13 languages (section 4), by id, in its order. */
export const LANGUAGES = Object.freeze([
  'de', 'en', 'es', 'fr', 'fr-BE', 'el', 'it', 'hu', 'nl-BE', 'nl', 'pl', 'pt', 'ru',
]);

/** The reference catalogue: every other has exactly its keys. */
export const REFERENCE_LANGUAGE = 'en';

/** Where a browser keeps its display language (manual 7.11.2: per browser, not on the server). */
export const STORAGE_KEY = 'ews.displayLanguage';

/** "Try again in {seconds} s" + {seconds: 5} -> "Try again in 5 s". Unknown names stay. */
export function interpolate(text, params) {
  if (!params) return text;
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name) => (
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

/** The text of a key; the key itself when the catalogue lacks it (a test forbids that). */
export function translate(catalogue, key, params) {
  const text = catalogue && Object.prototype.hasOwnProperty.call(catalogue, key) ? catalogue[key] : key;
  return interpolate(text, params);
}

/** The parameter names a text uses, sorted. */
export function placeholders(text) {
  return [...new Set([...String(text).matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]))].sort();
}

/**
 * The display language: the browser's own choice when the site offers it, else the site's
 * default language (a setting, manual 7.11.1), else English.
 */
export function chooseLanguage({ stored, defaultLanguage, available = LANGUAGES } = {}) {
  if (stored && available.includes(stored)) return stored;
  if (defaultLanguage && available.includes(defaultLanguage)) return defaultLanguage;
  return available.includes(REFERENCE_LANGUAGE) ? REFERENCE_LANGUAGE : (available[0] || REFERENCE_LANGUAGE);
}

/**
 * How a catalogue differs from the reference: keys missing or extra, texts empty or not a
 * string, and texts whose {parameters} differ from the reference's.
 */
export function compareCatalogue(reference, catalogue) {
  const refKeys = Object.keys(reference);
  const keys = Object.keys(catalogue);
  const missing = refKeys.filter((k) => !Object.prototype.hasOwnProperty.call(catalogue, k));
  const extra = keys.filter((k) => !Object.prototype.hasOwnProperty.call(reference, k));
  const empty = keys.filter((k) => typeof catalogue[k] !== 'string' || catalogue[k].trim() === '');
  const parameters = refKeys.filter((k) => typeof catalogue[k] === 'string'
    && placeholders(catalogue[k]).join(',') !== placeholders(reference[k]).join(','));
  return { missing, extra, empty, parameters };
}

/** A catalogue is good when compareCatalogue found nothing. */
export function catalogueProblems(reference, catalogue) {
  const diff = compareCatalogue(reference, catalogue);
  const problems = [];
  for (const [kind, keys] of Object.entries(diff)) {
    if (keys.length) problems.push(`${kind}: ${keys.join(', ')}`);
  }
  return problems;
}
