/**
 * The DevTools panel (also usable as a page: `panel.html?tabId=<id>`): the inspected page's requests
 * with their trace ids and propagation verdict, and for the selected one the joined trace from the
 * API as a waterfall with its error origin and critical path.
 */
import { layoutWaterfall, propagationVerdict } from '../domain/waterfall.js';
import { fetchJoinedTrace, viewerUrl } from './trace-api.js';
import { formatMs, h } from './dom.js';

/** How often the panel re-reads the tab's requests: fast enough to feel live, cheap for the worker. */
export const REFRESH_MS = 1000;
/** How often a trace the API did not know yet is asked for again. */
export const TRACE_RECHECK_MS = 3000;
/** Lookups started per refresh, so a page with hundreds of requests does not flood the API. */
export const MAX_LOOKUPS_PER_REFRESH = 10;

/** @param {Document} doc @param {any} chrome @param {URLSearchParams} params @param {typeof fetch} fetch */
export function startPanel(doc, chrome, params, fetch) {
  const tabId = Number(params.get('tabId'));
  /** @type {Map<string, {result: Awaited<ReturnType<typeof fetchJoinedTrace>> | null, inFlight: boolean, checkedAt: number}>} */
  const traces = new Map();
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
      lookUpTraces();
      render();
    } catch {
      // the worker restarted mid-call; the next refresh catches up
    }
  }

  function lookUpTraces() {
    const rows = snapshot.tab?.rows ?? [];
    const now = Date.now();
    const isDue = (/** @type {string} */ traceId) => {
      const known = traces.get(traceId);
      if (known === undefined) return true;
      if (known.inFlight || now - known.checkedAt < TRACE_RECHECK_MS) return false;
      // A found trace is asked for again until it links every request that carried its id: spans keep coming.
      return known.result?.state !== 'found' || !linksAll(known.result.trace, rows, traceId);
    };
    const due = [...new Set(rows.map((/** @type {any} */ r) => r.traceId))]
      .filter((id) => id !== null && isDue(id))
      .slice(0, MAX_LOOKUPS_PER_REFRESH);
    for (const traceId of due) {
      const previous = traces.get(traceId)?.result ?? null;
      traces.set(traceId, { result: previous, inFlight: true, checkedAt: now });
      void fetchJoinedTrace(snapshot.settings.apiBase, traceId, fetch).then((result) => {
        // A passing API failure must not hide a trace already shown.
        const kept = result.state !== 'found' && previous?.state === 'found' ? previous : result;
        traces.set(traceId, { result: kept, inFlight: false, checkedAt: Date.now() });
        render();
      });
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
      h('tbody', {}, ...rows.map((/** @type {any} */ row) => {
        const verdict = row.traceId === null ? '—' : propagationVerdict(foundTrace(row.traceId), row.eventId);
        return h('tr', {
          class: row.eventId === selected ? 'selected' : null,
          dataset: { eventId: row.eventId, traceId: row.traceId ?? '' },
          onclick: () => { selected = row.eventId; render(); },
        },
        h('td', {}, row.method), h('td', { class: 'url' }, row.url), h('td', { class: row.status === 0 || row.status >= 500 ? 'bad' : null }, row.status),
        h('td', {}, formatMs(row.durationMs)), h('td', {}, h('code', {}, row.traceId ?? '—')), h('td', {}, row.mode),
        h('td', { class: `verdict ${verdict}` }, verdict));
      })));
    const row = rows.find((/** @type {any} */ r) => r.eventId === selected);
    detail.replaceChildren(...(row === undefined ? [] : renderDetail(row, settings.apiBase)));
  }

  /** @param {any} row @param {string} apiBase */
  function renderDetail(row, apiBase) {
    if (row.traceId === null) return [h('p', {}, 'This request carried no trace headers.')];
    const known = traces.get(row.traceId)?.result;
    const link = h('a', { href: viewerUrl(apiBase, row.traceId), target: '_blank', id: 'viewer-link' }, 'Open in the Tracebridge viewer');
    if (known?.state === 'unreachable') return [h('p', { class: 'warn' }, known.reason ?? 'API unreachable'), link];
    if (known?.state !== 'found') return [h('p', {}, `Waiting for the backend's spans of trace ${row.traceId}…`), link];
    const layout = layoutWaterfall(known.trace, row);
    const origin = layout.bars.find((b) => b.errorOrigin);
    return [
      h('p', {}, `Trace ${row.traceId}, ${formatMs(layout.totalMs)} end to end. `, link),
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

  /** @param {string} traceId */
  function foundTrace(traceId) {
    const result = traces.get(traceId)?.result;
    return result?.state === 'found' ? result.trace : null;
  }

  void refresh();
  return setInterval(() => void refresh(), REFRESH_MS);
}

/**
 * Whether a found trace already links the request; otherwise the backend may still be sending spans.
 * @param {any} trace @param {any[]} rows @param {string} traceId
 */
function linksAll(trace, rows, traceId) {
  return rows.filter((r) => r.traceId === traceId).every((r) => propagationVerdict(trace, r.eventId) === 'linked');
}
