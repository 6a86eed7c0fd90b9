/**
 * What the service worker knows per tab, in chrome.storage.session under `tab:<id>`: the tab's RUM
 * session (id and sampling decision, made once per session as browser SDKs do), its current view, and
 * the requests of that view for the popup and the DevTools panel.
 */
import { newUuid } from '../domain/ids.js';
import { traceContextFromHeaders } from '../domain/trace-headers.js';

/** The panel lists one page's requests; a page making more keeps its latest ones. */
export const MAX_ROWS_PER_TAB = 300;

/**
 * @typedef {{eventId: string, kind: string, method: string, url: string, status: number, durationMs: number,
 *            date: number, mode: string, headers: Record<string, string>, traceId: string | null,
 *            spanId: string | null}} RequestRow
 * @typedef {{sessionId: string, sampled: boolean, viewId: string, pageUrl: string, rows: RequestRow[],
 *            errors: number, longTasks: number, dnrRuleIds: number[]}} TabState
 */

/** @param {number} tabId */
export const tabKey = (tabId) => `tab:${tabId}`;

/**
 * @param {{store: ReturnType<typeof import('./serial-store.js').createSerialStore>,
 *          randomBytes: (n: number) => Uint8Array, random: () => number}} deps
 */
export function createTabState(deps) {
  const { store, randomBytes, random } = deps;
  return {
    /**
     * A new page in the tab: keeps the session, starts a view, forgets the previous page's rows.
     * @param {number} tabId
     * @param {string} pageUrl
     * @param {number} sampleRate
     * @returns {Promise<TabState>}
     */
    startView: (tabId, pageUrl, sampleRate) =>
      store.update(tabKey(tabId), (/** @type {TabState | undefined} */ current) => ({
        sessionId: current?.sessionId ?? newUuid(randomBytes),
        sampled: current?.sampled ?? random() < sampleRate,
        viewId: newUuid(randomBytes),
        pageUrl,
        rows: [],
        errors: 0,
        longTasks: 0,
        dnrRuleIds: current?.dnrRuleIds ?? [],
      })),

    /**
     * Adds the page's events of the current view; a late flush of the previous page is not listed.
     * @param {number} tabId
     * @param {Record<string, any>[]} events
     * @returns {Promise<TabState | undefined>}
     */
    record: (tabId, events) =>
      store.update(tabKey(tabId), (/** @type {TabState | undefined} */ current) => {
        if (current === undefined) return undefined;
        const mine = events.filter((e) => e.event.view?.id === current.viewId);
        if (mine.length === 0) return undefined;
        const rows = [...current.rows];
        let { errors, longTasks } = current;
        for (const { event, meta } of mine) {
          if (event.type === 'error') errors++;
          if (event.type === 'long_task') longTasks++;
          if (event.type === 'resource' && (event.resource.type === 'fetch' || event.resource.type === 'xhr')) {
            rows.push(requestRow(event, meta?.mode ?? 'none'));
          }
        }
        return { ...current, rows: rows.slice(-MAX_ROWS_PER_TAB), errors, longTasks };
      }),

    /** @param {number} tabId @param {number[]} ruleIds */
    setDnrRules: (tabId, ruleIds) =>
      store.update(tabKey(tabId), (/** @type {TabState | undefined} */ current) =>
        current === undefined ? undefined : { ...current, dnrRuleIds: ruleIds }),

    /** @param {number} tabId @returns {Promise<TabState | undefined>} */
    get: (tabId) => store.get(tabKey(tabId)),

    /** @param {number} tabId */
    forget: (tabId) => store.remove(tabKey(tabId)),
  };
}

/**
 * @param {Record<string, any>} event a native resource event
 * @param {string} mode how its headers got there
 * @returns {RequestRow}
 */
export function requestRow(event, mode) {
  const headers = event.trace?.headers ?? {};
  const context = traceContextFromHeaders(headers);
  return {
    eventId: event.id,
    kind: event.resource.type,
    method: event.resource.method,
    url: event.resource.url,
    status: event.resource.status_code,
    durationMs: event.resource.duration_ms,
    date: event.date,
    mode,
    headers,
    traceId: context?.traceId ?? null,
    spanId: context?.spanId ?? null,
  };
}
