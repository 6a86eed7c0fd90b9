// Drives the viewer the way an engineer does: search for a service, open the trace, read the root
// cause and the waterfall, follow the link to the session. Prints what the page showed as one JSON
// object on stdout (ViewerBrowserIT asserts on it) and keeps a screenshot of every step.
//
// usage: node check-viewer.mjs <api base URL> <service> <trace id> <screenshot dir>

import { openViewerPage } from './viewer-page.mjs';

const [base, service, traceId, shots] = process.argv.slice(2);

const { browser, page, errors, ready } = await openViewerPage();
const seen = { pageErrors: errors };
try {
  await page.goto(base + '/');
  await ready('');
  await page.fill('input[name=service]', service);
  await page.click('#search-form button[type=submit]');
  await ready('#/search?');
  seen.search = {
    status: await page.textContent('[data-testid=search-status]'),
    results: await page.$$eval('[data-testid=search-result]', (rows) => rows.map((r) => ({
      traceId: r.dataset.traceId, text: r.innerText.replace(/\s+/g, ' ').trim() }))),
  };
  await page.screenshot({ path: `${shots}/1-search.png`, fullPage: true });

  await page.click(`[data-trace-id="${traceId}"] a`);
  await ready('#/trace/');
  seen.trace = await page.evaluate(() => ({
    title: document.querySelector('[data-testid=trace-title]').innerText,
    summary: document.querySelector('[data-testid=summary]').innerText,
    split: [...document.querySelectorAll('[data-testid=split-part]')].map((p) => p.innerText.trim()),
    errorOrigin: document.querySelector('[data-testid=error-origin]').hidden ? null
      : document.querySelector('[data-testid=error-origin]').innerText,
    skew: document.querySelector('[data-testid=skew]').innerText,
    criticalSteps: document.querySelectorAll('[data-testid=critical-step]').length,
    rows: [...document.querySelectorAll('[data-testid=waterfall-row]')].map((r) => ({
      kind: r.dataset.kind,
      id: r.dataset.id,
      label: r.querySelector('.label').innerText.replace(/\s+/g, ' ').trim(),
      critical: r.dataset.critical === 'true',
      errorOrigin: r.dataset.errorOrigin === 'true',
      criticalPhases: [...r.querySelectorAll('.phase.critical')].map((p) => p.dataset.phase),
      phases: [...r.querySelectorAll('.phase')].map((p) => p.dataset.phase),
    })),
  }));
  await page.screenshot({ path: `${shots}/2-trace.png`, fullPage: true });

  await page.click('[data-testid=session-link]');
  await ready('#/session/');
  seen.session = {
    title: await page.textContent('[data-testid=session-title]'),
    events: await page.$$eval('[data-testid=session-event]', (items) => items.map((i) => ({
      type: i.dataset.type, text: i.innerText.replace(/\s+/g, ' ').trim() }))),
    traces: await page.$$eval('#session-traces [data-testid=search-result]', (rows) => rows.map((r) => r.dataset.traceId)),
  };
  await page.screenshot({ path: `${shots}/3-session.png`, fullPage: true });
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(seen) + '\n');
