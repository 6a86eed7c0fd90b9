// Drives the propagation-health dashboard the way an engineer does: open it from the navigation, see the
// apps with verdicts offered, look up an app nobody sent (the empty state), see a problem the engine
// answers, pick the real app from the offered ones, read its per-hour trend, the counts and what the
// failing verdict means, then open one of its example traces. Prints what the page
// showed as one JSON object on stdout (ViewerBrowserIT asserts on it) and keeps a screenshot of each step.
//
// usage: node check-health.mjs <api base URL> <app> <example trace id to open> <screenshot dir>

import { openViewerPage } from './viewer-page.mjs';

const [base, app, exampleTraceId, shots] = process.argv.slice(2);

// The engine's 400 below is meant; the browser logs every failed fetch as an error.
const { browser, page, errors, ready } = await openViewerPage((text) => text.includes('status of 400'));
const seen = { pageErrors: errors };
try {
  const statusOf = async () => ({
    text: await page.textContent('[data-testid=health-status]'),
    problem: await page.$eval('[data-testid=health-status]', (n) => n.classList.contains('problem')),
    tableShown: await page.$eval('[data-testid=health-table]', (t) => !t.hidden),
    trendShown: await page.$eval('[data-testid=health-trend]', (t) => !t.hidden),
  });
  const pickerOf = async () => ({
    options: await page.$$eval('[data-testid=health-apps] option', (options) => options.map((o) => ({
      value: o.value, text: o.innerText.trim() }))),
    selected: await page.$eval('[data-testid=health-apps]', (s) => s.value),
    disabled: await page.$eval('[data-testid=health-apps]', (s) => s.disabled),
  });

  await page.goto(base + '/');
  await ready('');
  await page.click('[data-testid=nav-health]');
  await ready('#/health');
  seen.prompt = { ...(await statusOf()), picker: await pickerOf() };

  await page.fill('#health-form input[name=app]', 'nobody-' + app);
  await page.click('#health-form button[type=submit]');
  await ready('#/health?');
  seen.empty = { ...(await statusOf()), picker: await pickerOf() };
  await page.screenshot({ path: `${shots}/4-health-empty.png`, fullPage: true });

  // An engine that refuses the question (here: a start it cannot read, as an older engine might) must
  // show its problem's detail, not a blank page.
  await page.route('**/api/v1/propagation-health?*', (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set('start', 'yesterday');
    route.continue({ url: url.toString() });
  });
  await page.fill('#health-form input[name=app]', app);
  await page.selectOption('#health-form select[name=range]', '6h');
  await page.click('#health-form button[type=submit]');
  await ready('#/health?');
  seen.refused = await statusOf();
  await page.unroute('**/api/v1/propagation-health?*');

  // Picked, not typed: choosing the app in the list shows its report in the range the form shows.
  await page.selectOption('#health-form select[name=range]', '24h');
  await page.selectOption('[data-testid=health-apps]', app);
  await ready('#/health?');
  seen.report = {
    hash: await page.evaluate(() => location.hash),
    status: await statusOf(),
    picker: await pickerOf(),
    trend: {
      heading: await page.textContent('[data-testid=health-trend] h2'),
      legend: await page.$$eval('[data-testid=trend-legend-item]', (items) => items.map((i) => i.innerText.trim())),
      axis: await page.$$eval('[data-testid=trend-axis-label]', (labels) => labels.map((l) => l.innerText.trim())),
      hours: await page.$$eval('[data-testid=trend-hour]', (columns) => columns.map((c) => ({
        start: c.dataset.hourStart,
        title: c.title,
        count: c.querySelector('[data-testid=trend-count]')?.innerText.trim() ?? null,
        barHeight: c.querySelector('.trend-bar')?.getBoundingClientRect().height ?? 0,
        segments: [...c.querySelectorAll('[data-testid=trend-segment]')].map((s) => ({
          verdict: s.dataset.verdict, height: s.getBoundingClientRect().height })),
      }))),
    },
    columns: await page.$$eval('[data-testid=health-table] thead th', (cells) => cells.map((c) => c.innerText.trim())),
    rows: await page.$$eval('[data-testid=health-row]', (rows) => rows.map((r) => ({
      urlPattern: r.dataset.urlPattern,
      headerFormats: r.dataset.headerFormats,
      total: Number(r.querySelector('[data-testid=health-total]').innerText),
      linked: r.querySelector('[data-testid=health-linked]').innerText.trim(),
      verdicts: Object.fromEntries([...r.querySelectorAll('[data-testid=health-verdict]')].map((c) => [c.dataset.verdict, {
        count: Number(c.dataset.count),
        examples: [...c.querySelectorAll('[data-testid=example-trace]')].map((a) => a.dataset.traceId),
      }])),
    }))),
    explanations: await page.$$eval('[data-testid=verdict-explanation]', (items) => items.map((i) => ({
      verdict: i.dataset.verdict, text: i.innerText.replace(/\s+/g, ' ').trim() }))),
    knownApps: await page.$$eval('#known-apps option', (options) => options.map((o) => o.value)),
  };
  await page.screenshot({ path: `${shots}/5-health.png`, fullPage: true });

  await page.click(`[data-testid=example-trace][data-trace-id="${exampleTraceId}"]`);
  await ready('#/trace/');
  seen.example = {
    hash: await page.evaluate(() => location.hash),
    title: await page.textContent('[data-testid=trace-title]'),
    waterfallRows: await page.$$eval('[data-testid=waterfall-row]', (rows) => rows.map((r) => r.dataset.kind)),
    errorOrigin: await page.$eval('[data-testid=error-origin]', (e) => (e.hidden ? null : e.innerText)),
  };
  await page.screenshot({ path: `${shots}/6-health-example-trace.png`, fullPage: true });
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(seen) + '\n');
