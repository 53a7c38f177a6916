#!/usr/bin/env node
// Builds the web pages into static files (docs/web-ui.md):
//   OUTDIR/index.html, OUTDIR/assets/app-<hash>.js, OUTDIR/assets/app-<hash>.css,
//   OUTDIR/assets/chunk-<hash>.js (pages loaded on demand, if any), OUTDIR/i18n/<id>.json,
//   OUTDIR/favicon.svg
//
//   node build.mjs [--outdir DIR] [--node-modules DIR] [--dev]
//   npm run build -- --outdir DIR
//
// --outdir (or EWS_WEB_OUTDIR): where the files go; default ./dist. The folder is replaced
//   whole, so no file of an older build stays behind.
// --node-modules (or EWS_WEB_NODE_MODULES): the node_modules that `npm ci` made (esbuild,
//   preact); default ./node_modules. CMake keeps it in the build tree.
// --dev: not minified, with source maps.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { LANGUAGES, REFERENCE_LANGUAGE, catalogueProblems } from './src/lib/i18n.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const options = {
    outdir: process.env.EWS_WEB_OUTDIR || path.join(here, 'dist'),
    nodeModules: process.env.EWS_WEB_NODE_MODULES || path.join(here, 'node_modules'),
    dev: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const [, inline] = arg.split(/=(.*)/s);
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--outdir' || arg.startsWith('--outdir=')) options.outdir = value();
    else if (arg === '--node-modules' || arg.startsWith('--node-modules=')) options.nodeModules = value();
    else if (arg === '--dev') options.dev = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  options.outdir = path.resolve(options.outdir);
  options.nodeModules = path.resolve(options.nodeModules);
  return options;
}

/** The 13 catalogues, checked against en.json: a missing key or an empty text fails the build. */
function readCatalogues() {
  const catalogues = {};
  for (const id of LANGUAGES) {
    const file = path.join(here, 'i18n', `${id}.json`);
    catalogues[id] = JSON.parse(fs.readFileSync(file, 'utf8'));
  }
  const reference = catalogues[REFERENCE_LANGUAGE];
  const problems = LANGUAGES.flatMap((id) => catalogueProblems(reference, catalogues[id])
    .map((p) => `i18n/${id}.json: ${p}`));
  if (problems.length) throw new Error(`catalogues differ from en.json:\n  ${problems.join('\n  ')}`);
  return catalogues;
}

/** `import names from 'ews:language-names'`: {id: the language's own name} from the catalogues. */
function languageNamesPlugin(catalogues) {
  const names = Object.fromEntries(LANGUAGES.map((id) => [id, catalogues[id]['language.name']]));
  return {
    name: 'ews-language-names',
    setup(build) {
      build.onResolve({ filter: /^ews:language-names$/ }, () => ({ path: 'language-names', namespace: 'ews' }));
      build.onLoad({ filter: /.*/, namespace: 'ews' }, () => ({ contents: JSON.stringify(names), loader: 'json' }));
    },
  };
}

function sizes(file) {
  const data = fs.readFileSync(file);
  return { bytes: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const require = createRequire(path.join(options.nodeModules, 'package.json'));
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    throw new Error(`esbuild not found under ${options.nodeModules}: run npm ci first`);
  }

  const catalogues = readCatalogues();
  const staging = `${options.outdir}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });

  const result = await esbuild.build({
    absWorkingDir: here,
    entryPoints: { app: 'src/main.jsx' },
    bundle: true,
    format: 'esm',
    splitting: true,
    outdir: staging,
    entryNames: 'assets/[name]-[hash]',
    chunkNames: 'assets/chunk-[hash]',
    assetNames: 'assets/[name]-[hash]',
    minify: !options.dev,
    sourcemap: options.dev ? 'linked' : false,
    target: ['es2020', 'chrome87', 'edge88', 'firefox78', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    nodePaths: [options.nodeModules],
    plugins: [languageNamesPlugin(catalogues)],
    metafile: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  });

  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((f) => outputs[f].entryPoint === 'src/main.jsx');
  const css = entry && outputs[entry].cssBundle;
  if (!entry || !css) throw new Error('esbuild gave no app bundle and stylesheet');
  const url = (file) => `/${path.relative(staging, path.resolve(here, file)).split(path.sep).join('/')}`;

  const template = fs.readFileSync(path.join(here, 'index.html'), 'utf8');
  fs.writeFileSync(path.join(staging, 'index.html'),
    template.replace('%APP_JS%', url(entry)).replace('%APP_CSS%', url(css)));

  fs.mkdirSync(path.join(staging, 'i18n'));
  for (const id of LANGUAGES) {
    fs.writeFileSync(path.join(staging, 'i18n', `${id}.json`), `${JSON.stringify(catalogues[id])}\n`);
  }
  fs.cpSync(path.join(here, 'public'), staging, { recursive: true });

  fs.rmSync(options.outdir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(options.outdir), { recursive: true });
  fs.renameSync(staging, options.outdir);

  const report = [];
  const walk = (dir) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (fs.statSync(file).isDirectory()) walk(file);
      else report.push({ file: path.relative(options.outdir, file), ...sizes(file) });
    }
  };
  walk(options.outdir);
  const shown = report.filter((r) => !r.file.startsWith('i18n/'));
  const i18n = report.filter((r) => r.file.startsWith('i18n/'));
  const line = (name, bytes, gzip) => `  ${name.padEnd(34)} ${String(bytes).padStart(8)} B  ${String(gzip).padStart(7)} B gzip`;
  const out = [`web ui: built into ${options.outdir} in ${Date.now() - started} ms`];
  for (const r of shown) out.push(line(r.file, r.bytes, r.gzip));
  out.push(line(`i18n/*.json (${i18n.length} files)`, i18n.reduce((s, r) => s + r.bytes, 0),
    i18n.reduce((s, r) => s + r.gzip, 0)));
  console.log(out.join('\n'));
}

main().catch((error) => {
  console.error(`web ui build failed: ${error.message}`);
  process.exit(1);
});
