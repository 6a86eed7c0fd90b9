/**
 * The toolbar popup: a summary of the active tab (requests traced, failures, errors) and of delivery
 * to the intake. `?tabId=` shows another tab (tests open the popup as a page).
 */
import { h } from './dom.js';

/** Rows listed in the popup; the DevTools panel lists them all. */
const RECENT_REQUESTS = 8;
/** The popup stays open while the tester clicks through the page; re-read the counts this often. */
export const REFRESH_MS = 1000;

/** @param {Document} doc @param {any} chrome @param {URLSearchParams} params */
export async function startPopup(doc, chrome, params) {
  const tabId = params.has('tabId')
    ? Number(params.get('tabId'))
    : (await chrome.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  const root = /** @type {HTMLElement} */ (doc.getElementById('summary'));
  const refresh = async () => {
    try {
      root.replaceChildren(...render(await chrome.runtime.sendMessage({ type: 'tb.snapshot', tabId })));
    } catch {
      // the worker restarted mid-call; the next refresh catches up
    }
  };
  doc.getElementById('open-options')?.addEventListener('click', () => chrome.runtime.openOptionsPage());
  await refresh();
  setInterval(() => void refresh(), REFRESH_MS);
}

/** @param {any} snapshot */
function render(snapshot) {
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
      h('li', {}, h('span', { class: 'status' }, r.status), ' ', `${r.method} ${r.url}`, ' ',
        h('code', { class: 'trace-id' }, r.traceId ?? '—')))));
  }
  parts.push(h('p', { id: 'delivery' },
    `Intake ${settings.endpoint}: ${stats.sent} sent, ${stats.queued} queued, ${stats.dropped} dropped, ${stats.rejected} refused`,
    stats.lastError ? h('span', { class: 'warn' }, ` — ${stats.lastError}`) : null));
  if (settings.testSession) parts.push(h('p', {}, 'Test session: ', h('code', {}, settings.testSession)));
  return parts;
}
