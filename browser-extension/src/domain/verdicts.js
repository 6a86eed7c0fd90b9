/**
 * The propagation verdict of one browser request, as the panel and the popup show it. The engine
 * decides it a grace period after the request arrived (docs/propagation-health.md) and sends it in the
 * joined trace's `verdicts[]`; until then the request is `linked` when the trace's `links[]` already
 * join it to a backend span, else pending.
 *
 * The trace JSON is read defensively: its shape may grow or move (other fields, shared tables), and a
 * missing or malformed field only means "not known yet", never an error.
 *
 * @typedef {{verdict: string, label: string, source: 'engine' | 'links', hint: string | null,
 *            reason: string | null, browserSampling: string | null}} RequestVerdict
 *   `source` says who decided: the engine, or the panel from the links while the engine has not.
 */

/** What a request still waiting for the engine's decision is called. */
export const PENDING_LABEL = 'pending (engine decides after the grace period)';

/** One line per failure verdict, saying what to look at. `sampled_out` depends on who dropped it. */
const HINTS = /** @type {Record<string, string>} */ ({
  cors_blocked: 'CORS preflight does not allow the trace header (or the request failed): allow it in'
    + ' Access-Control-Allow-Headers, or tick dNR mode for this origin',
  header_stripped: 'The backend got the request without its trace headers: a proxy, gateway or CDN removes them',
  id_mismatch: 'The backend changed the ids (64-bit trace id, re-used or re-generated span id): check its propagator',
  not_instrumented: 'No span from this backend at all: it is not instrumented, or does not export to Tracebridge',
});
const SAMPLED_OUT_BY_BROWSER = 'The extension sent "not sampled" (sample rate below 1), so nothing was recorded';
const SAMPLED_OUT_BY_BACKEND = "The backend's sampler dropped this request although the browser sampled it";

/**
 * @param {unknown} trace a joined trace from `GET /api/v1/traces/{id}`, or null while unknown
 * @param {string} eventId the request's RUM resource event id
 * @returns {RequestVerdict}
 */
export function requestVerdict(trace, eventId) {
  const decided = engineEntry(trace, eventId);
  const browserSampling = text(decided?.browserSampling);
  const verdict = text(decided?.verdict);
  if (verdict !== null && verdict !== 'pending') {
    return { verdict, label: verdict, source: 'engine', hint: hintFor(verdict, browserSampling), reason: text(decided?.reason), browserSampling };
  }
  // Not decided yet: what the links show, with the engine's reason for waiting when it gave one.
  const linked = list(field(trace, 'links')).some((l) => field(l, 'resourceEventId') === eventId);
  return {
    verdict: linked ? 'linked' : 'pending', label: linked ? 'linked' : PENDING_LABEL, source: 'links',
    hint: null, reason: text(decided?.reason), browserSampling,
  };
}

/** @param {unknown} trace @param {string} eventId whether the engine decided the request's verdict */
export function isDecided(trace, eventId) {
  return requestVerdict(trace, eventId).source === 'engine';
}

/** @param {string} verdict a wire name @param {string | null} browserSampling @returns {string | null} */
export function hintFor(verdict, browserSampling) {
  if (verdict === 'sampled_out') return browserSampling === 'not_sampled' ? SAMPLED_OUT_BY_BROWSER : SAMPLED_OUT_BY_BACKEND;
  return HINTS[verdict] ?? null;
}

/** @param {unknown} trace @param {string} eventId @returns {Record<string, unknown> | null} */
function engineEntry(trace, eventId) {
  const entry = list(field(trace, 'verdicts')).find((v) => field(v, 'resourceEventId') === eventId);
  return entry === undefined ? null : /** @type {Record<string, unknown>} */ (entry);
}

/** @param {unknown} value @param {string} name */
function field(value, name) {
  return typeof value === 'object' && value !== null ? /** @type {Record<string, unknown>} */ (value)[name] : undefined;
}

/** @param {unknown} value @returns {unknown[]} */
function list(value) {
  return Array.isArray(value) ? value : [];
}

/** @param {unknown} value @returns {string | null} */
function text(value) {
  return typeof value === 'string' && value !== '' ? value : null;
}
