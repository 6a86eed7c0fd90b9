/**
 * Builders of Tracebridge's native RUM events (schema v1, `POST <endpoint>/v1/rum`). The page fills
 * what only the page knows; the service worker adds `app`, `session` and `labels` (see `enrichEvent`).
 */

/** Timing marks in the order Resource Timing defines them, with the schema's names. */
const TIMING_MARKS = Object.freeze([
  ['redirectStart', 'redirect_start'],
  ['redirectEnd', 'redirect_end'],
  ['fetchStart', 'fetch_start'],
  ['domainLookupStart', 'domain_lookup_start'],
  ['domainLookupEnd', 'domain_lookup_end'],
  ['connectStart', 'connect_start'],
  ['connectEnd', 'connect_end'],
  ['secureConnectionStart', 'secure_connection_start'],
  ['requestStart', 'request_start'],
  ['responseStart', 'response_start'],
  ['responseEnd', 'response_end'],
]);

/** Sub-millisecond digits kept: Resource Timing is coarsened to 5 µs in isolated pages, 100 µs elsewhere. */
const MS_DECIMALS = 3;

/** @param {number} ms */
export function roundMs(ms) {
  const factor = 10 ** MS_DECIMALS;
  return Math.round(ms * factor) / factor;
}

/**
 * Marks in ms after the entry's `startTime`; marks the browser reported as 0 are omitted (not yet
 * reached, or hidden cross-origin without Timing-Allow-Origin).
 * @param {Record<string, number>} entry a PerformanceResourceTiming or PerformanceNavigationTiming
 * @returns {Record<string, number>}
 */
export function relativeTiming(entry) {
  /** @type {Record<string, number>} */
  const timing = {};
  for (const [mark, field] of TIMING_MARKS) {
    const value = entry[mark];
    if (typeof value === 'number' && value > 0) timing[field] = roundMs(Math.max(0, value - entry.startTime));
  }
  return timing;
}

/**
 * @typedef {{id: string, url: string}} ViewRef
 * @typedef {{
 *   id: string, date: number, view: ViewRef, kind: 'fetch' | 'xhr' | 'document' | 'other',
 *   url: string, method: string, statusCode: number, durationMs: number,
 *   timing?: Record<string, number>, headers?: Record<string, string>,
 *   responseHeaders?: Record<string, string>
 * }} ResourceFacts
 */

/** @param {ResourceFacts} facts */
export function resourceEvent(facts) {
  /** @type {Record<string, any>} */
  const event = {
    type: 'resource',
    id: facts.id,
    date: Math.round(facts.date),
    view: facts.view,
    resource: {
      type: facts.kind,
      url: facts.url,
      method: facts.method,
      status_code: facts.statusCode,
      duration_ms: roundMs(Math.max(0, facts.durationMs)),
    },
  };
  if (facts.timing !== undefined && Object.keys(facts.timing).length > 0) event.resource.timing = facts.timing;
  const trace = {};
  if (facts.headers !== undefined && Object.keys(facts.headers).length > 0) trace.headers = facts.headers;
  if (facts.responseHeaders !== undefined && Object.keys(facts.responseHeaders).length > 0) {
    trace.response_headers = facts.responseHeaders;
  }
  if (Object.keys(trace).length > 0) event.trace = trace;
  return event;
}

/**
 * @param {{id: string, date: number, view: ViewRef, referrer: string, timings: Record<string, number>}} facts
 */
export function viewEvent(facts) {
  return {
    type: 'view',
    id: facts.id,
    date: Math.round(facts.date),
    view: { ...facts.view, referrer: facts.referrer, timings: facts.timings },
  };
}

/**
 * @param {{id: string, date: number, view: ViewRef, message: string, errorType: string, stack: string, source: string}} facts
 */
export function errorEvent(facts) {
  return {
    type: 'error',
    id: facts.id,
    date: Math.round(facts.date),
    view: facts.view,
    error: { message: facts.message, type: facts.errorType, stack: facts.stack, source: facts.source },
  };
}

/** @param {{id: string, date: number, view: ViewRef, durationMs: number}} facts */
export function longTaskEvent(facts) {
  return {
    type: 'long_task',
    id: facts.id,
    date: Math.round(facts.date),
    view: facts.view,
    long_task: { duration_ms: roundMs(facts.durationMs) },
  };
}

/**
 * What the service worker adds to every event before it leaves the browser.
 * @param {Record<string, any>} event
 * @param {{appName: string, sessionId: string, testSession: string}} context
 */
export function enrichEvent(event, context) {
  const enriched = { ...event, app: { id: context.appName }, session: { id: context.sessionId } };
  if (context.testSession !== '') enriched.labels = { test_session: context.testSession };
  return enriched;
}
