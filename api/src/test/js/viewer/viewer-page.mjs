// What every viewer check shares: a headless Chromium with the flags this machine needs, a page that
// records script errors and failed console lines (a check fails on any it did not expect), and a wait for
// the viewer to finish showing an address.

import { chromium } from 'playwright-core';

const STEP_TIMEOUT_MS = 20_000;

/**
 * Opens the browser and one page. `expectedConsoleError` names console errors the check provokes on
 * purpose (the browser logs every failed fetch); any other lands in `errors`.
 */
export async function openViewerPage(expectedConsoleError = () => false) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const errors = [];
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' && !expectedConsoleError(message.text())) errors.push(message.text());
  });
  // The viewer names the address it finished showing; waiting for it to equal the current one
  // cannot mistake the previous view for the next.
  const ready = (hashPrefix) => page.waitForFunction(
    (prefix) => document.body.dataset.shown === (location.hash || '#/') && location.hash.startsWith(prefix),
    hashPrefix);
  return { browser, page, errors, ready };
}
