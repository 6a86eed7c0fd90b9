/**
 * The toolbar popup: a summary of the active tab (requests traced, failures, errors, the recent
 * requests with their propagation verdict) and of delivery to the intake, with the engine's
 * propagation-health totals for the app. `?tabId=` shows another tab (tests open the popup as a page).
 */
import { verdictTotals } from '../domain/health-report.js';
import { requestVerdict } from '../domain/verdicts.js';
import { h } from './dom.js';
import { fetchHealthReport } from './trace-api.js';
import { createTraceLookups } from './trace-lookups.js';
import { verdictView } from './verdict-view.js';

/** Rows listed in the popup; the DevTools panel lists them all. */
const RECENT_REQUESTS = 8;
/** The popup stays open while the tester clicks through the page; re-read the counts this often. */
export const REFRESH_MS = 1000;
/** The report changes once per engine check (30 s by default); asking more often finds nothing new. */
export const REPORT_REFRESH_MS = 30_000;

/**
 * @param {Document} doc @param {any} chrome @param {URLSearchParams} params
 * @param {(url: string) => Promise<Response>} fetch
 */
export async function startPopup(doc, chrome, params, fetch) {
  const tabId = params.has('tabId')
    ? Number(params.get('tabId'))
    : (await chrome.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  const root = /** @type {HTMLElement} */ (doc.getElementById('summary'));
  /** @type {any} */
  let snapshot = null;
  /** @type {Awaited<ReturnType<typeof fetchHealthReport>> | null} */
  let report = null;
  let reportAt = -Infinity;
  const show = () => { if (snapshot !== null) root.replaceChildren(...render(snapshot, traces, report)); };
  const traces = createTraceLookups({ fetch, now: Date.now, onResult: show });
  const refresh = async () => {
    try {
      snapshot = await chrome.runtime.sendMessage({ type: 'tb.snapshot', tabId });
      // Only the rows on show are looked up: the popup is a glance, the panel has them all.
      traces.lookUp(snapshot.settings.apiBase, (snapshot.tab?.rows ?? []).slice(-RECENT_REQUESTS));
      if (Date.now() - reportAt >= REPORT_REFRESH_MS) {
        reportAt = Date.now();
        void fetchHealthReport(snapshot.settings.apiBase, snapshot.settings.appName, fetch).then((answer) => { report = answer; show(); });
      }
      show();
    } catch {
      // the worker restarted mid-call; the next refresh catches up
    }
  };
  doc.getElementById('open-options')?.addEventListener('click', () => chrome.runtime.openOptionsPage());
  await refresh();
  setInterval(() => void refresh(), REFRESH_MS);
}

/**
 * @param {any} snapshot
 * @param {ReturnType<typeof createTraceLookups>} traces
 * @param {Awaited<ReturnType<typeof fetchHealthReport>> | null} report
 */
function render(snapshot, traces, report) {
  const { settings, problems, active, tab, stats } = snapshot;
  const parts = [];
  if (!active) {
    parts.push(h('p', { class: 'warn', id: 'inactive' },
      !settings.enabled ? 'Tracing is off.' : settings.origins.length === 0 ? 'No origins to trace: add some in the options.' : 'Tracing is off: the settings have problems.'));
  }
  if (problems.length > 0) parts.push(h('ul', { class: 'warn' }, ...problems.map((/** @type {string} */ p) => h('li', {}, p))));
  if (tab === undefined) {
    parts.push(h('p', { id: 'untraced' }, 'This page is not traced (its origin is not in the allow-list).'));
  } else {
    const rows = tab.rows;
    const traced = rows.filter((/** @type {any} */ r) => r.traceId !== null).length;
    const failed = rows.filter((/** @type {any} */ r) => r.status === 0 || r.status >= 500).length;
    parts.push(h('dl', { id: 'tab-counts' },
      h('dt', {}, 'Requests'), h('dd', { dataset: { count: 'requests' } }, rows.length),
      h('dt', {}, 'With trace headers'), h('dd', { dataset: { count: 'traced' } }, traced),
      h('dt', {}, 'Failed (status 0 or 5xx)'), h('dd', { dataset: { count: 'failed' } }, failed),
      h('dt', {}, 'JS errors'), h('dd', { dataset: { count: 'errors' } }, tab.errors),
      h('dt', {}, 'Long tasks'), h('dd', { dataset: { count: 'longTasks' } }, tab.longTasks)));
    parts.push(h('ol', { id: 'recent' }, ...rows.slice(-RECENT_REQUESTS).reverse().map((/** @type {any} */ r) =>
      h('li', { dataset: { eventId: r.eventId } }, h('span', { class: 'status' }, r.status), ' ', `${r.method} ${r.url}`, ' ',
        h('code', { class: 'trace-id' }, r.traceId ?? '—'),
        ...(r.traceId === null ? [] : [' ', ...verdictView(requestVerdict(traces.trace(r.traceId), r.eventId))])))));
  }
  const health = renderReport(settings.appName, report);
  if (health !== null) parts.push(health);
  parts.push(h('p', { id: 'delivery' },
    `Intake ${settings.endpoint}: ${stats.sent} sent, ${stats.queued} queued, ${stats.dropped} dropped, ${stats.rejected} refused`,
    stats.lastError ? h('span', { class: 'warn' }, ` — ${stats.lastError}`) : null));
  if (settings.testSession) parts.push(h('p', {}, 'Test session: ', h('code', {}, settings.testSession)));
  return parts;
}

/**
 * @param {string} app
 * @param {Awaited<ReturnType<typeof fetchHealthReport>> | null} report
 * @returns {HTMLElement | null}
 */
function renderReport(app, report) {
  if (report === null) return null;
  if (report.state !== 'found') return h('p', { id: 'health', class: 'hint' }, `Engine's propagation report: ${report.reason}`);
  const { totals, partial } = verdictTotals(report.report);
  if (totals.length === 0) return h('p', { id: 'health', class: 'hint' }, `Engine's propagation report for ${app}: no decided requests in the last 24 h.`);
  return h('p', { id: 'health' }, `Engine's propagation report for ${app}, last 24 h${partial ? ' (partial)' : ''}: `,
    ...totals.flatMap(({ verdict, count }, i) => [i === 0 ? '' : ' · ',
      h('span', { class: `verdict ${verdict}`, dataset: { verdict } }, `${count} ${verdict}`)]));
}
