/**
 * The joined traces of a tab's requests, as the panel and the popup read them from the API: which to
 * ask for on each refresh, and when to ask again. A trace is asked for again while a request of it
 * waits for backend spans (often), then while the engine has not decided every request's verdict
 * (rarely: it decides once per check interval after the grace period), then never.
 */
import { isDecided, requestVerdict } from '../domain/verdicts.js';
import { fetchJoinedTrace } from './trace-api.js';

/** A trace the API did not have yet, or that does not link every request yet: spans keep coming. */
export const TRACE_RECHECK_MS = 3000;
/**
 * A trace whose requests are linked but not all decided by the engine. The engine's checker runs every
 * 30 s (default) once the grace period passed, so asking more often than this finds nothing new.
 */
export const VERDICT_RECHECK_MS = 15_000;
/** Lookups started per refresh, so a page with hundreds of requests does not flood the API. */
export const MAX_LOOKUPS_PER_REFRESH = 10;

/**
 * @typedef {Awaited<ReturnType<typeof fetchJoinedTrace>>} LookupResult
 * @typedef {{traceId: string | null, eventId: string}} TracedRow
 */

/**
 * @param {{fetch: (url: string) => Promise<Response>, now: () => number, onResult: () => void}} deps
 *   `onResult` runs after each answer, to render it
 */
export function createTraceLookups(deps) {
  const { fetch, now, onResult } = deps;
  /** @type {Map<string, {result: LookupResult | null, inFlight: boolean, checkedAt: number}>} */
  const traces = new Map();

  /** @param {string} traceId @param {TracedRow[]} rows @param {number} at */
  const isDue = (traceId, rows, at) => {
    const known = traces.get(traceId);
    if (known === undefined) return true;
    if (known.inFlight) return false;
    const trace = known.result?.state === 'found' ? known.result.trace : null;
    const undecided = rows.filter((r) => r.traceId === traceId && !isDecided(trace, r.eventId));
    if (undecided.length === 0) return false;
    const waitingForSpans = undecided.some((r) => requestVerdict(trace, r.eventId).verdict !== 'linked');
    return at - known.checkedAt >= (waitingForSpans ? TRACE_RECHECK_MS : VERDICT_RECHECK_MS);
  };

  return {
    /**
     * Starts the lookups that are due, oldest request first.
     * @param {string} apiBase @param {TracedRow[]} rows
     */
    lookUp(apiBase, rows) {
      const at = now();
      const due = [...new Set(rows.map((r) => r.traceId))]
        .filter((id) => id !== null && isDue(id, rows, at))
        .slice(0, MAX_LOOKUPS_PER_REFRESH);
      for (const traceId of /** @type {string[]} */ (due)) {
        const previous = traces.get(traceId)?.result ?? null;
        traces.set(traceId, { result: previous, inFlight: true, checkedAt: at });
        void fetchJoinedTrace(apiBase, traceId, fetch).then((result) => {
          // A passing API failure must not hide a trace already shown.
          const kept = result.state !== 'found' && previous?.state === 'found' ? previous : result;
          traces.set(traceId, { result: kept, inFlight: false, checkedAt: now() });
          onResult();
        });
      }
    },

    /** @param {string} traceId @returns {LookupResult | null} the last answer, null before the first */
    result: (traceId) => traces.get(traceId)?.result ?? null,

    /** @param {string} traceId @returns {any} the joined trace once the API had it, else null */
    trace(traceId) {
      const result = traces.get(traceId)?.result;
      return result?.state === 'found' ? result.trace : null;
    },
  };
}
