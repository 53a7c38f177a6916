// The built files (run with EWS_WEB_STATIC_DIR=<output of npm run build>; CTest sets it to
// the build tree's live/web/static). Skipped when the variable is not set.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LANGUAGES } from '../src/lib/i18n.js';
import { readCatalogue } from './helpers.mjs';

const dir = process.env.EWS_WEB_STATIC_DIR;
const skip = dir ? false : 'EWS_WEB_STATIC_DIR is not set';

describe('build output', { skip }, () => {
  const read = (p) => fs.readFileSync(path.join(dir, p), 'utf8');

  it('index.html loads one hashed script and one hashed stylesheet that exist, nothing inline', () => {
    const html = read('index.html');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0][2].trim(), '', 'no inline script');
    const js = scripts[0][1].match(/src="\/(assets\/app-[A-Z0-9]+\.js)"/);
    const css = html.match(/<link rel="stylesheet" href="\/(assets\/app-[A-Z0-9]+\.css)">/);
    assert.ok(js, 'assets/app-<hash>.js');
    assert.ok(css, 'assets/app-<hash>.css');
    assert.ok(fs.statSync(path.join(dir, js[1])).size > 0);
    assert.ok(fs.statSync(path.join(dir, css[1])).size > 0);
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
    assert.doesNotMatch(html, /https?:\/\//, 'nothing from the internet');
  });

  it('the bundle needs no eval, no inline style and nothing from the internet', () => {
    const assets = fs.readdirSync(path.join(dir, 'assets'));
    for (const name of assets.filter((f) => f.endsWith('.js'))) {
      const js = read(`assets/${name}`);
      assert.doesNotMatch(js, /\beval\(|new Function\(/, name);
      assert.doesNotMatch(js, /\bimport\(\s*["']https?:/, name);
    }
    for (const name of assets.filter((f) => f.endsWith('.css'))) {
      assert.doesNotMatch(read(`assets/${name}`), /@import|url\(\s*["']?https?:/, name);
    }
    assert.ok(assets.every((f) => /^(app|chunk)-[A-Z0-9]+\.(js|css)$/.test(f)), assets.join(', '));
  });

  it('holds the 13 catalogues, equal to the sources', () => {
    for (const id of LANGUAGES) assert.deepEqual(JSON.parse(read(`i18n/${id}.json`)), readCatalogue(id), id);
    assert.equal(fs.readdirSync(path.join(dir, 'i18n')).length, LANGUAGES.length);
  });

  it('keeps the first load small: the app under 40 KiB gzip, the chart library in chunks of its own', async () => {
    const zlib = await import('node:zlib');
    const gzipOf = (files) => files.reduce((s, f) => s + zlib.gzipSync(fs.readFileSync(path.join(dir, 'assets', f))).length, 0);
    const js = fs.readdirSync(path.join(dir, 'assets')).filter((f) => f.endsWith('.js'));
    const app = gzipOf(js.filter((f) => f.startsWith('app-')));
    assert.ok(app < 40 * 1024, `app ${app} B`);
    // ECharts' bars, lines and pies on a canvas, loaded by the consumption pages only.
    const chunks = gzipOf(js.filter((f) => f.startsWith('chunk-')));
    assert.ok(chunks < 250 * 1024, `chunks ${chunks} B`);
  });
});
