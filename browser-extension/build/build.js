/**
 * `npm run build`: bundles each entry point into one classic script (content scripts cannot be ES
 * modules), copies the static files into dist/, and zips dist/ into tracebridge-extension.zip.
 */
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipDirectory } from './zip.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const zipPath = join(root, 'tracebridge-extension.zip');
const ENTRIES = ['page', 'relay', 'service-worker', 'options', 'popup', 'devtools', 'panel'];
/** The manifest's minimum_chrome_version: MAIN-world registered scripts and session rules by tab are older. */
const TARGET = 'chrome116';

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: Object.fromEntries(ENTRIES.map((name) => [name, join(root, 'src', 'entries', `${name}.js`)])),
  outdir: dist,
  bundle: true,
  format: 'iife',
  target: TARGET,
  legalComments: 'none',
  logLevel: 'warning',
});
cpSync(join(root, 'static'), dist, { recursive: true });
const count = zipDirectory(dist, zipPath);
console.log(`dist/ written; ${count} files zipped into tracebridge-extension.zip`);
