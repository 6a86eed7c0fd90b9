/**
 * Reads the engine's joined trace (`GET <api>/api/v1/traces/{id}`) until one request's two sides are
 * there and linked: the browser's resource event and the backend's server span continuing it.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** The brief's bound: the extension's batch, the backend's export and the store all land well within it. */
export const JOIN_TIMEOUT_MS = 30_000;
const POLL_MS = 250;
/** One API call; the engine answers a read by key in milliseconds. */
const REQUEST_TIMEOUT_MS = 5_000;

/**
 * @typedef {{status: number, body: any}} ApiAnswer
 * @typedef {{resource: any, link: any, span: any, answer: ApiAnswer, waitedMs: number}} Join
 */

/**
 * @param {string} api the engine's API origin
 * @param {{traceId: string, url: string, spanId: string}} request what the backend served: the trace
 *     it continued, the URL the page called and the backend's own server span
 * @returns {Promise<Join>} the join; throws with the last answer when it did not come in time
 */
export async function awaitJoin(api, request) {
  const started = Date.now();
  /** @type {ApiAnswer} */
  let answer = { status: 0, body: null };
  for (;;) {
    answer = await readTrace(api, request.traceId);
    const join = joinIn(answer, request);
    if (join !== null) return { ...join, answer, waitedMs: Date.now() - started };
    if (Date.now() - started > JOIN_TIMEOUT_MS) {
      throw new Error(`no join of ${request.url} to span ${request.spanId} in trace ${request.traceId} within ${JOIN_TIMEOUT_MS} ms; `
        + `last answer HTTP ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    await sleep(POLL_MS);
  }
}

/** @param {string} api @param {string} traceId @returns {Promise<ApiAnswer>} */
export async function readTrace(api, traceId) {
  try {
    const response = await fetch(`${api}/api/v1/traces/${traceId}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await response.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, body };
  } catch (error) {
    return { status: 0, body: String(error) };
  }
}

/** @param {ApiAnswer} answer @param {{url: string, spanId: string}} request */
function joinIn(answer, request) {
  if (answer.status !== 200) return null;
  const trace = answer.body;
  const span = (trace.spans ?? []).find((/** @type {any} */ s) => s.spanId === request.spanId);
  const resource = (trace.rum?.resources ?? []).find((/** @type {any} */ r) => r.url === request.url);
  if (span === undefined || resource === undefined) return null;
  const link = (trace.links ?? []).find((/** @type {any} */ l) => l.resourceEventId === resource.eventId && l.childSpanId === span.spanId);
  return link === undefined ? null : { resource, link, span };
}
