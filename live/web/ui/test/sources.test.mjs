// The sources keep the rules of docs/web-ui.md: every label comes from the catalogues (every
// key used exists, every key is used, no text written in a component), and nothing needs
// 'unsafe-inline' or 'unsafe-eval' (CSP script-src 'self'; style-src 'self').
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { UI_DIR, listFiles, readCatalogue, stripComments } from './helpers.mjs';

const reference = readCatalogue('en');
const sources = listFiles('src').filter((f) => /\.(js|jsx)$/.test(f));
const code = Object.fromEntries(sources.map((f) => [path.relative(UI_DIR, f), stripComments(fs.readFileSync(f, 'utf8'))]));
const namespaces = new Set(Object.keys(reference).map((k) => k.split('.')[0]));

/** Quoted strings that look like catalogue keys: a known namespace, a dot, more. */
function keysIn(text) {
  const found = new Set();
  for (const m of text.matchAll(/(['"`])([a-z][A-Za-z]*(?:\.[A-Za-z_]+)+)\1/g)) {
    if (namespaces.has(m[2].split('.')[0])) found.add(m[2]);
  }
  return found;
}

describe('labels', () => {
  it('every key the sources name is in en.json', () => {
    const missing = [];
    for (const [file, text] of Object.entries(code)) {
      for (const key of keysIn(text)) if (!(key in reference)) missing.push(`${file}: ${key}`);
    }
    assert.deepEqual(missing, []);
  });

  it('every key of en.json is used (page titles by id, language names by the build)', () => {
    const used = new Set(Object.values(code).flatMap((t) => [...keysIn(t)]));
    const dynamic = (k) => k.startsWith('page.') || k === 'language.name'
      // The PDF reports' words, read by reports/export at build time (docs/reports.md).
      || k.startsWith('reportPdf.')
      // The alert events' names, built from the event kinds (src/pages/NotifyAlerts.jsx).
      || /^notify\.(state_change|measure_threshold|configuration_error|communication_error|chart_threshold)$/.test(k);
    assert.deepEqual(Object.keys(reference).filter((k) => !used.has(k) && !dynamic(k)), []);
  });

  it('no text is written in a component: JSX text and labelling attributes come from t()', () => {
    const found = [];
    for (const [file, text] of Object.entries(code)) {
      if (!file.endsWith('.jsx')) continue;
      for (const m of text.matchAll(/>([^<>{}]*[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF][^<>{}]*)</g)) {
        // Text between two tags; code between a JSX expression's end and the next tag has
        // ; ( ) or = in it.
        if (m[1].trim() && !/[;()=]/.test(m[1])) found.push(`${file}: >${m[1].trim()}<`);
      }
      for (const m of text.matchAll(/\b(aria-label|title|placeholder|alt)="([^"]*)"/g)) {
        found.push(`${file}: ${m[1]}="${m[2]}"`);
      }
    }
    assert.deepEqual(found, []);
  });
});

describe('content security policy', () => {
  it('no inline style, no raw HTML, no eval in the sources', () => {
    const found = [];
    for (const [file, text] of Object.entries(code)) {
      if (/\bstyle\s*=\s*[{"']/.test(text)) found.push(`${file}: style attribute`);
      if (/\.style\b/.test(text)) found.push(`${file}: element.style`);
      if (/dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(text)) found.push(`${file}: raw HTML`);
      if (/\beval\s*\(|new\s+Function\s*\(|setTimeout\s*\(\s*['"`]|setInterval\s*\(\s*['"`]/.test(text)) found.push(`${file}: eval`);
    }
    assert.deepEqual(found, []);
  });

  it('index.html loads only the bundled files: no inline script or style', () => {
    const html = fs.readFileSync(path.join(UI_DIR, 'index.html'), 'utf8');
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0][1], /src="%APP_JS%"/);
    assert.equal(scripts[0][2].trim(), '');
  });
});

describe('data-test attributes', () => {
  it('every input, button and select in a component has one', () => {
    const missing = [];
    for (const [file, text] of Object.entries(code)) {
      if (!file.endsWith('.jsx')) continue;
      for (const m of text.matchAll(/<(input|button|select)\b(?:=>|[^>])*>/g)) {
        if (!/data-test=/.test(m[0])) missing.push(`${file}: ${m[0].slice(0, 60)}`);
      }
    }
    assert.deepEqual(missing, []);
  });
});
