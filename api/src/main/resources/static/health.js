// The propagation-health dashboard: for one app, which URL patterns lose their traces and why. The
// engine reports counts per hour × URL pattern × header formats × verdict; this page draws them per hour
// (health-trend.js), adds the hours up per URL pattern and header formats, worst first, and says what
// each failing verdict means. The app is picked from those with verdicts in the range (health-apps.js).
//   #/health?app=shop-web&range=24h

import { getJson } from './api.js';
import { el } from './format.js';
import { lastApp, rememberApp, showAppPicker, wireAppPicker } from './health-apps.js';
import { renderTrend } from './health-trend.js';
import { LINKED, explanation, worstFirst } from './verdicts.js';

// The API's own default is a day; it refuses more than 31 days.
const RANGE_HOURS = { '1h': 1, '6h': 6, '24h': 24, '168h': 168, '744h': 744 };
const DEFAULT_RANGE = '24h';
const MS_PER_HOUR = 3_600_000;
const RANGE_WORDS = { '1h': 'hour', '6h': '6 hours', '24h': 'day', '168h': 'week', '744h': '31 days' };
// A trace id is 32 hex digits; its first 8 tell examples apart on screen, the link carries all of it.
const SHORT_TRACE_ID = 8;
// Each hour brings up to three examples per verdict (the API's limit); three per cell keep the table readable.
const MAX_EXAMPLES = 3;

export function wireHealthForm(navigate) {
  const form = document.getElementById('health-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    const app = form.elements.app.value.trim();
    if (app) query.set('app', app);
    query.set('range', form.elements.range.value);
    navigate('#/health?' + query.toString());
  });
  wireAppPicker(form);
}

/** Shows the report the URL asks for: its app and time range. */
export async function showHealth(params) {
  const form = document.getElementById('health-form');
  const app = (params.get('app') || '').trim();
  const range = RANGE_HOURS[params.get('range')] ? params.get('range') : DEFAULT_RANGE;
  // With no app asked for, offer the last one looked at, without loading it unasked.
  form.elements.app.value = app || lastApp();
  form.elements.range.value = range;
  const table = document.getElementById('health-table');
  const trend = document.getElementById('health-trend');
  const explanations = document.getElementById('health-explanations');
  table.hidden = true;
  trend.hidden = true;
  explanations.replaceChildren();
  const start = new Date(Date.now() - RANGE_HOURS[range] * MS_PER_HOUR).toISOString();
  // Listed while the report loads; the view is shown once both are.
  const picker = showAppPicker(form, start, app, RANGE_WORDS[range]);
  try {
    if (app) {
      await showReport(app, range, start, table, trend, explanations);
    } else {
      status('Give the RUM application id your browser SDK reports (e.g. shop-web), or pick it from the apps with'
        + ' verdicts, to see how its trace headers fare.');
    }
  } finally {
    await picker;
  }
}

async function showReport(app, range, start, table, trend, explanations) {
  status('Loading…');
  let report;
  try {
    report = await getJson('/api/v1/propagation-health?' + new URLSearchParams({ app, start }));
  } catch (error) {
    status(error.message, true);
    return;
  }
  rememberApp(app);
  const rows = healthRows(report.counts);
  const totals = verdictTotals(rows);
  if (rows.length === 0) {
    status(`No traced browser request of ${app} was decided in the last ${RANGE_WORDS[range]}. A request is counted`
      + ' once its verdict is decided (a grace period, 2 minutes by default, after it arrives); check that the app'
      + ' id is the one the SDK reports and that the SDK sends trace headers.');
    return;
  }
  const requests = rows.reduce((sum, row) => sum + row.total, 0);
  const linked = totals.get(LINKED) || 0;
  status(`${requests} traced request${requests === 1 ? '' : 's'} of ${app} in the last ${RANGE_WORDS[range]}:`
    + ` ${linked} linked (${percent(linked, requests)})`
    + (report.partial ? '. The store stopped at its read budget: older hours are missing.' : '.'));
  const verdicts = worstFirst(totals).filter((v) => v !== LINKED);
  renderTrend(trend, report, totals);
  renderTable(table, rows, verdicts);
  renderExplanations(explanations, totals);
}

/** One row per URL pattern × header formats, hours added up, worst (most requests not linked) first. */
export function healthRows(counts) {
  const rows = new Map();
  for (const c of counts) {
    const key = c.urlPattern + '\u0000' + c.headerFormats;
    if (!rows.has(key)) {
      rows.set(key, { urlPattern: c.urlPattern, headerFormats: c.headerFormats, total: 0, verdicts: new Map() });
    }
    const row = rows.get(key);
    row.total += c.count;
    const cell = row.verdicts.get(c.verdict) || { count: 0, examples: [] };
    cell.count += c.count;
    for (const id of c.exampleTraceIds) {
      if (cell.examples.length < MAX_EXAMPLES && !cell.examples.includes(id)) cell.examples.push(id);
    }
    row.verdicts.set(c.verdict, cell);
  }
  const failed = (row) => row.total - (row.verdicts.has(LINKED) ? row.verdicts.get(LINKED).count : 0);
  return [...rows.values()].sort((a, b) => failed(b) - failed(a) || failed(b) / b.total - failed(a) / a.total
    || a.urlPattern.localeCompare(b.urlPattern) || a.headerFormats.localeCompare(b.headerFormats));
}

function verdictTotals(rows) {
  const totals = new Map();
  for (const row of rows) {
    for (const [verdict, cell] of row.verdicts) totals.set(verdict, (totals.get(verdict) || 0) + cell.count);
  }
  return totals;
}

function renderTable(table, rows, verdicts) {
  table.querySelector('thead').replaceChildren(el('tr', {},
    el('th', {}, 'URL pattern'), el('th', {}, 'Headers sent'), el('th', { class: 'num' }, 'Requests'),
    el('th', {}, 'Linked'),
    verdicts.map((v) => el('th', { class: 'num', title: explanation(v).meaning },
      el('span', { class: 'verdict ' + v }, v)))));
  table.querySelector('tbody').replaceChildren(...rows.map((row) => {
    const linked = row.verdicts.has(LINKED) ? row.verdicts.get(LINKED).count : 0;
    return el('tr', { 'data-testid': 'health-row', 'data-url-pattern': row.urlPattern,
      'data-header-formats': row.headerFormats, class: linked < row.total ? 'failed' : null },
    el('td', {}, el('code', {}, row.urlPattern)),
    el('td', {}, row.headerFormats || '—'),
    el('td', { class: 'num', 'data-testid': 'health-total' }, row.total),
    el('td', { class: 'linked', 'data-testid': 'health-linked' },
      el('span', { class: 'linked-bar', title: `${linked} of ${row.total} linked` },
        el('span', { style: `width:${(100 * linked) / row.total}%` })),
      ` ${linked} (${percent(linked, row.total)})`),
    verdicts.map((v) => verdictCell(v, row.verdicts.get(v))));
  }));
  table.hidden = false;
}

function verdictCell(verdict, cell) {
  if (!cell) return el('td', { class: 'num empty', 'data-verdict': verdict, 'data-count': 0 }, '');
  return el('td', { class: 'num', 'data-testid': 'health-verdict', 'data-verdict': verdict, 'data-count': cell.count },
    el('span', { class: 'count' }, cell.count),
    el('span', { class: 'examples' }, cell.examples.map((id) => el('a', { href: '#/trace/' + id,
      'data-testid': 'example-trace', 'data-trace-id': id, title: `open trace ${id}` }, id.slice(0, SHORT_TRACE_ID)))));
}

function renderExplanations(container, totals) {
  const verdicts = worstFirst(totals);
  container.replaceChildren(el('h2', {}, 'What the verdicts mean'), el('dl', {}, verdicts.flatMap((v) => [
    el('dt', {}, el('span', { class: 'verdict ' + v }, v), ` ${totals.get(v)} request${totals.get(v) === 1 ? '' : 's'}`),
    el('dd', { 'data-testid': 'verdict-explanation', 'data-verdict': v },
      explanation(v).meaning, ' ', el('strong', {}, 'Usual fix: '), explanation(v).fix),
  ])));
}

function percent(part, whole) {
  return Number(((100 * part) / whole).toFixed(1)) + ' %';
}

function status(text, isError = false) {
  const node = document.getElementById('health-status');
  node.textContent = text;
  node.classList.toggle('problem', isError);
}
