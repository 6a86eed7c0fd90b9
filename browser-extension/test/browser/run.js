/**
 * `npm run test:browser`: the real-browser tests need the machine's Chromium (a browser's own
 * downloader cannot work here). Say so plainly instead of failing inside the first test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM } from './browser.js';

if (!existsSync(CHROMIUM)) {
  console.error(`Browser tests need Chromium at ${CHROMIUM}, which is missing.
Install it with:  apt-get update && apt-get install -y chromium chromium-driver
or skip these tests:  mvn ... -DskipBrowserTests  (npm: run 'npm test' only)
(TRACEBRIDGE_CHROMIUM=/path/to/chromium points the tests at another build.)`);
  process.exit(1);
}
const here = dirname(fileURLToPath(import.meta.url));
// One browser at a time: each takes ~1.2 GiB on a 2-core machine (REFERENCE §5).
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', here], { stdio: 'inherit' });
process.exit(result.status ?? 1);
