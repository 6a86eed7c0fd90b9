/**
 * The DevTools panel (also usable as a page: `panel.html?tabId=<id>`): the inspected page's requests
 * with their trace ids and propagation verdict (the engine's once decided, with a hint for failures),
 * and for the selected one the joined trace from the API as a waterfall with its error origin and
 * critical path.
 */
import { layoutWaterfall } from '../domain/waterfall.js';
import { requestVerdict } from '../domain/verdicts.js';
import { createTraceLookups } from './trace-lookups.js';
import { viewerUrl } from './trace-api.js';
import { formatMs, h } from './dom.js';
import { verdictView } from './verdict-view.js';

/** How often the panel re-reads the tab's requests: fast enough to feel live, cheap for the worker. */
export const REFRESH_MS = 1000;

/** @param {Document} doc @param {any} chrome @param {URLSearchParams} params @param {typeof fetch} fetch */
export function startPanel(doc, chrome, params, fetch) {
  const tabId = Number(params.get('tabId'));
  const traces = createTraceLookups({ fetch, now: Date.now, onResult: () => render() });
  /** @type {string | null} */
  let selected = null;
  /** @type {any} */
  let snapshot = null;

  const table = /** @type {HTMLElement} */ (doc.getElementById('requests'));
  const detail = /** @type {HTMLElement} */ (doc.getElementById('detail'));
  const header = /** @type {HTMLElement} */ (doc.getElementById('context'));

  async function refresh() {
    try {
      snapshot = await chrome.runtime.sendMessage({ type: 'tb.snapshot', tabId });
      traces.lookUp(snapshot.settings.apiBase, snapshot.tab?.rows ?? []);
      render();
    } catch {
      // the worker restarted mid-call; the next refresh catches up
    }
  }

  function render() {
    if (snapshot === null) return;
    const { settings, tab } = snapshot;
    header.replaceChildren(
      h('span', {}, tab ? `Page: ${tab.pageUrl}` : 'This tab is not traced (its origin is not in the allow-list).'),
      settings.testSession ? h('span', {}, ' · test session ', h('code', {}, settings.testSession)) : null);
    const rows = tab?.rows ?? [];
    table.replaceChildren(
      h('thead', {}, h('tr', {}, ...['Method', 'URL', 'Status', 'Duration', 'Trace id', 'Headers by', 'Verdict'].map((t) => h('th', {}, t)))),
      h('tbody', {}, ...rows.map((/** @type {any} */ row) =>
        h('tr', {
          class: row.eventId === selected ? 'selected' : null,
          dataset: { eventId: row.eventId, traceId: row.traceId ?? '' },
          onclick: () => { selected = row.eventId; render(); },
        },
        h('td', {}, row.method), h('td', { class: 'url' }, row.url), h('td', { class: row.status === 0 || row.status >= 500 ? 'bad' : null }, row.status),
        h('td', {}, formatMs(row.durationMs)), h('td', {}, h('code', {}, row.traceId ?? '—')), h('td', {}, row.mode),
        h('td', { class: 'verdict-cell' }, ...(row.traceId === null ? ['—'] : verdictView(requestVerdict(traces.trace(row.traceId), row.eventId))))))));
    const row = rows.find((/** @type {any} */ r) => r.eventId === selected);
    detail.replaceChildren(...(row === undefined ? [] : renderDetail(row, settings.apiBase)));
  }

  /** @param {any} row @param {string} apiBase */
  function renderDetail(row, apiBase) {
    if (row.traceId === null) return [h('p', {}, 'This request carried no trace headers.')];
    const known = traces.result(row.traceId);
    const link = h('a', { href: viewerUrl(apiBase, row.traceId), target: '_blank', id: 'viewer-link' }, 'Open in the Tracebridge viewer');
    if (known?.state === 'unreachable') return [h('p', { class: 'warn' }, known.reason ?? 'API unreachable'), link];
    if (known?.state !== 'found') return [h('p', {}, `Waiting for the backend's spans of trace ${row.traceId}…`), link];
    const layout = layoutWaterfall(known.trace, row);
    const origin = layout.bars.find((b) => b.errorOrigin);
    return [
      h('p', {}, `Trace ${row.traceId}, ${formatMs(layout.totalMs)} end to end. `, link),
      verdictDetail(requestVerdict(known.trace, row.eventId)),
      origin ? h('p', { class: 'bad', id: 'error-origin' }, `Error origin: ${origin.service} ${origin.label}`) : null,
      h('div', { class: 'waterfall', id: 'waterfall' }, ...layout.bars.map((bar) =>
        h('div', { class: ['bar-row', bar.browser ? 'browser' : '', bar.error ? 'error' : '', bar.errorOrigin ? 'error-origin' : '', bar.critical ? 'critical' : ''].join(' ').trim(),
          dataset: { key: bar.key } },
        h('span', { class: 'bar-label', style: { paddingLeft: `${bar.depth}em` }, title: bar.label },
          bar.service ? h('b', {}, bar.service, ' ') : null, bar.label, bar.errorOrigin ? ' ⚠ error origin' : ''),
        h('span', { class: 'bar-track' },
          h('span', { class: 'bar', style: { left: `${bar.offsetPct}%`, width: `${bar.widthPct}%` },
            title: formatMs((bar.endNanos - bar.startNanos) / 1e6) }))))),
    ];
  }

  void refresh();
  return setInterval(() => void refresh(), REFRESH_MS);
}

/**
 * The selected request's verdict in words: who decided it, the hint, and the engine's own reason.
 * @param {import('../domain/verdicts.js').RequestVerdict} verdict
 */
function verdictDetail(verdict) {
  const decidedBy = verdict.source === 'engine' ? "the engine's verdict" : 'not decided by the engine yet';
  return h('div', { id: 'verdict-detail' },
    h('p', {}, 'Propagation: ', h('b', {}, verdict.label), ` (${decidedBy})`,
      verdict.browserSampling ? `; the browser sent ${verdict.browserSampling.replace('_', ' ')}` : null, '.'),
    verdict.hint ? h('p', { class: 'bad' }, verdict.hint) : null,
    verdict.reason ? h('p', { class: 'hint' }, `Engine: ${verdict.reason}`) : null);
}
