/**
 * Lays out a joined trace from the API (`GET /api/v1/traces/{traceId}`) for the panel: the browser's
 * request and the backend spans on one time axis, indented by depth, with the error origin (the
 * deepest span in error) and a critical path (from the root, always the child that finished last).
 *
 * @typedef {{spanId: string, parentSpanId?: string | null, service?: string, name?: string, kind?: string,
 *            startEpochNanos: number | string, endEpochNanos: number | string, status?: unknown}} ApiSpan
 * @typedef {{traceId: string, spans?: ApiSpan[]}} JoinedTrace the fields read here; verdicts.js reads links and verdicts
 * @typedef {{eventId: string, method: string, url: string, date: number, durationMs: number, spanId: string | null}} BrowserRequest
 * @typedef {{key: string, label: string, service: string, depth: number, startNanos: number, endNanos: number,
 *            offsetPct: number, widthPct: number, error: boolean, errorOrigin: boolean, critical: boolean,
 *            browser: boolean}} Bar
 */

const NANOS_PER_MS = 1e6;
/** A zero-length bar would be invisible; draw it at least this wide (in % of the axis). */
const MIN_WIDTH_PCT = 0.5;

/** @param {unknown} status as the API spells it: 'ERROR', 'STATUS_CODE_ERROR' or {code: 'ERROR'} */
export function isErrorStatus(status) {
  const code = typeof status === 'object' && status !== null ? /** @type {any} */ (status).code : status;
  return typeof code === 'string' && code.toUpperCase().endsWith('ERROR');
}

/**
 * @param {JoinedTrace} trace
 * @param {BrowserRequest | null} request the browser side, drawn first when given
 * @returns {{bars: Bar[], totalMs: number, errorOrigin: string | null, criticalPath: string[]}}
 */
export function layoutWaterfall(trace, request) {
  const spans = (trace.spans ?? []).map((s) => ({
    ...s,
    start: Number(s.startEpochNanos),
    end: Math.max(Number(s.endEpochNanos), Number(s.startEpochNanos)),
  }));
  const ids = new Set(spans.map((s) => s.spanId));
  /** @type {Map<string | null, typeof spans>} spans by parent; null holds the roots (parent unknown) */
  const children = new Map();
  for (const span of spans) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : null;
    children.set(parent, [...(children.get(parent) ?? []), span].sort((a, b) => a.start - b.start));
  }
  // Depth-first so each span sits right under its parent; the browser's request is the root of all.
  /** @type {{span: (typeof spans)[number], depth: number}[]} */
  const ordered = [];
  const placed = new Set();
  const walk = (/** @type {string | null} */ parent, /** @type {number} */ depth) => {
    for (const span of children.get(parent) ?? []) {
      if (placed.has(span.spanId)) continue; // a cycle in bad data must not loop
      placed.add(span.spanId);
      ordered.push({ span, depth });
      walk(span.spanId, depth + 1);
    }
  };
  walk(null, request === null ? 0 : 1);

  const errorOrigin = deepestError(ordered);
  const critical = criticalPath(children);
  const browserStart = request === null ? Infinity : request.date * NANOS_PER_MS;
  const browserEnd = request === null ? -Infinity : browserStart + request.durationMs * NANOS_PER_MS;
  const axisStart = Math.min(browserStart, ...spans.map((s) => s.start));
  const axisEnd = Math.max(browserEnd, ...spans.map((s) => s.end));
  const total = Math.max(axisEnd - axisStart, 1);
  const place = (/** @type {number} */ start, /** @type {number} */ end) => ({
    startNanos: start,
    endNanos: end,
    offsetPct: ((start - axisStart) / total) * 100,
    widthPct: Math.max(((end - start) / total) * 100, MIN_WIDTH_PCT),
  });

  /** @type {Bar[]} */
  const bars = ordered.map(({ span, depth }) => ({
    key: span.spanId, label: span.name ?? span.spanId, service: span.service ?? '', depth,
    ...place(span.start, span.end),
    error: isErrorStatus(span.status), errorOrigin: span.spanId === errorOrigin,
    critical: critical.includes(span.spanId), browser: false,
  }));
  if (request !== null) {
    bars.unshift({
      key: request.eventId, label: `${request.method} ${request.url}`, service: 'browser', depth: 0,
      ...place(browserStart, browserEnd), error: false, errorOrigin: false, critical: false, browser: true,
    });
  }
  return { bars, totalMs: total / NANOS_PER_MS, errorOrigin, criticalPath: critical };
}

/** @param {{span: {spanId: string, start: number, status?: unknown}, depth: number}[]} placed */
function deepestError(placed) {
  let origin = null;
  for (const candidate of placed) {
    if (!isErrorStatus(candidate.span.status)) continue;
    // Deeper wins; at the same depth the later start, since an error usually travels up from it.
    if (origin === null || candidate.depth > origin.depth
      || (candidate.depth === origin.depth && candidate.span.start > origin.span.start)) origin = candidate;
  }
  return origin?.span.spanId ?? null;
}

/**
 * @param {Map<string | null, {spanId: string, end: number}[]>} children
 * @returns {string[]}
 */
function criticalPath(children) {
  /** @type {string[]} */
  const path = [];
  const seen = new Set();
  let level = children.get(null) ?? [];
  while (level.length > 0) {
    const last = level.reduce((a, b) => (b.end > a.end ? b : a));
    if (seen.has(last.spanId)) break;
    seen.add(last.spanId);
    path.push(last.spanId);
    level = children.get(last.spanId) ?? [];
  }
  return path;
}
