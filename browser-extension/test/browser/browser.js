/**
 * Starts the machine's Chromium headless with the unpacked extension from dist/ (REFERENCE §5) and
 * gives tests its service worker, the way the lead's black-box test will point it at a real engine:
 * `await worker.evaluate((s) => self.tracebridge.configure(s), settings)`.
 */
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = process.env.TRACEBRIDGE_CHROMIUM ?? '/usr/bin/chromium';
export const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
/** Flags without which the closed network here floods errors and slows start-up (REFERENCE §5). */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
/** Chromium's start with an extension takes ~1-2 s here; anything past this is a hang. */
const START_TIMEOUT_MS = 30_000;

export async function launchWithExtension() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (install it: apt-get install -y chromium chromium-driver)`);
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error(`${DIST} has no extension (run: npm run build)`);
  const profile = mkdtempSync(join(tmpdir(), 'tracebridge-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: START_TIMEOUT_MS,
    args: [...FLAGS, `--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: START_TIMEOUT_MS });
    const extensionId = new URL(worker.url()).host;
    return {
      context,
      worker,
      extensionId,
      /** @param {Record<string, unknown>} settings @returns {Promise<string[]>} problems */
      configure: (settings) => worker.evaluate((s) => /** @type {any} */ (self).tracebridge.configure(s), settings),
      /** @param {string} url the tab showing it, as the extension knows it */
      tabIdOf: (url) => worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url),
      flush: () => worker.evaluate(() => /** @type {any} */ (self).tracebridge.flush()),
      async close() {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Opens a page and collects the console errors and uncaught exceptions it shows. With `traced`, waits
 * until the extension's config reached the page (`configuredAt`, ms after navigation start): requests
 * made before that are recorded but not injected, which a tiny test page can otherwise race.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @param {{traced?: boolean}} [options]
 */
export async function openPage(context, url, options = {}) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    document.addEventListener('tracebridge:to-page', () => {
      /** @type {any} */ (window).tracebridgeConfiguredAt ??= performance.now();
    });
  });
  /** @type {string[]} */
  const consoleErrors = [];
  /** @type {string[]} */
  const pageErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url, { waitUntil: 'load' });
  /** @type {number | null} */
  let configuredAt = null;
  if (options.traced ?? true) {
    configuredAt = /** @type {number} */ (await (await page.waitForFunction(() => /** @type {any} */ (window).tracebridgeConfiguredAt)).jsonValue());
  }
  return { page, consoleErrors, pageErrors, configuredAt };
}

/**
 * Polls until `read` gives a truthy value, or fails with `what` after the timeout.
 * @template T
 * @param {string} what
 * @param {() => T | Promise<T>} read
 * @param {number} [timeoutMs]
 * @returns {Promise<NonNullable<T>>}
 */
export async function eventually(what, read, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return /** @type {NonNullable<T>} */ (value);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
