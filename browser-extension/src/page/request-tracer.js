/**
 * Decides, for each fetch/XHR the page makes, which trace headers to add, and turns the finished
 * request plus its Resource Timing entry into a native `resource` event.
 *
 * Until the extension's config arrives nothing is injected (the request is still recorded); after it,
 * headers go only to allow-listed origins, never to a request that already carries a context, and
 * never in-page for an origin in declarativeNetRequest mode (the browser adds that view's headers).
 */
import { carriedTraceHeaders, headersFor, needs64BitTraceId } from '../domain/trace-headers.js';
import { newSpanId, newTraceId, newUuid } from '../domain/ids.js';
import { originMatches, parseOriginPattern } from '../domain/origin-pattern.js';
import { nearestEntry } from '../domain/resource-timing-match.js';
import { relativeTiming, resourceEvent } from '../domain/rum-events.js';

/**
 * How long a finished request waits for its Resource Timing entry. The entry is added when the body
 * has arrived, which for fetch is after the promise resolved; past this the event goes without it.
 */
export const ENTRY_WAIT_MS = 5000;

/**
 * How long a fetch made before the config arrived waits for it. The config comes ~10-25 ms after the
 * content scripts start (a round trip to the service worker), so only a page's very first requests
 * wait, and a service worker that does not answer delays them by this much at most.
 */
export const CONFIG_WAIT_MS = 100;

/**
 * Requests that never settle (a hung fetch, an XHR whose send threw) would otherwise be held for the
 * page's lifetime; past this many open at once the oldest is forgotten.
 */
export const MAX_OPEN_REQUESTS = 1000;

/**
 * @typedef {{origin: string, formats: string[], dnr: boolean}} OriginRule
 * @typedef {{enabled: boolean, viewId: string, sampled: boolean, origins: OriginRule[],
 *            dnrHeaders: Record<string, Record<string, string>>}} PageConfig  dnrHeaders: per dNR origin
 * @typedef {{now: () => number, timeOrigin: number, entriesByName: (url: string) => any[]}} PageClock
 * @typedef {{set: (fn: () => void, ms: number) => any, clear: (handle: any) => void}} Timers
 * @typedef {'injected' | 'page' | 'dnr' | 'none'} PropagationMode
 * @typedef {{event: Record<string, any>, meta?: {mode: PropagationMode}}} Envelope
 * @typedef {{
 *   id: string, kind: 'fetch' | 'xhr', method: string, url: string, origin: string, startMs: number,
 *   headers: Record<string, string>, mode: PropagationMode, inject: Record<string, string> | null,
 *   entry: any, end: {status: number, endMs: number, responseHeaders: Record<string, string>} | null,
 *   timer: any
 * }} TracedRequest
 */

/**
 * @param {{clock: PageClock, timers: Timers, randomBytes: (n: number) => Uint8Array,
 *          pageUrl: () => string, view: {id: string, url: string}, emit: (e: Envelope) => void}} deps
 */
export function createRequestTracer(deps) {
  const { clock, timers, randomBytes, view, emit } = deps;
  /** @type {{config: PageConfig, rules: {pattern: any, rule: OriginRule}[]} | null} */
  let state = null;
  /** @type {Set<TracedRequest>} */
  const open = new Set();
  const claimed = new WeakSet();
  /** Origins where an injected cross-origin request failed with status 0: a refused preflight, most likely. */
  const corsSuspects = new Set();
  /** Fetches wait for the config only in the script's first CONFIG_WAIT_MS, whatever happens. */
  const holdUntil = clock.now() + CONFIG_WAIT_MS;
  let configKnown = false;
  /** @type {(() => void)[]} */
  let waiters = [];

  const stopWaiting = () => {
    configKnown = true;
    const released = waiters;
    waiters = [];
    released.forEach((release) => release());
  };

  return {
    /** @param {PageConfig} config */
    configure(config) {
      const rules = [];
      for (const rule of config.origins) {
        const parsed = parseOriginPattern(rule.origin);
        if ('pattern' in parsed) rules.push({ pattern: parsed.pattern, rule });
      }
      state = { config, rules };
      stopWaiting();
    },

    /** The page is not traced after all: release the held requests untouched. */
    stopWaiting,

    /** Whether a fetch now should wait for the config: it has not come, and the wait is not over. */
    isWaiting: () => !configKnown && clock.now() < holdUntil,

    /** Resolves when the config came (or never will), or when the wait is over. */
    configured() {
      return new Promise((resolve) => {
        const timer = timers.set(() => resolve(undefined), Math.max(0, holdUntil - clock.now()));
        waiters.push(() => {
          timers.clear(timer);
          resolve(undefined);
        });
      });
    },

    /**
     * @param {{kind: 'fetch' | 'xhr', method: string, url: string, headers: Iterable<[string, string]>}} call
     * @returns {TracedRequest | null} null for what is no network request (data:, blob:)
     */
    begin(call) {
      const url = new URL(call.url, deps.pageUrl());
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
      url.hash = ''; // Resource Timing names carry no fragment
      /** @type {TracedRequest} */
      const request = {
        id: newUuid(randomBytes),
        kind: call.kind,
        method: call.method.toUpperCase(),
        url: url.href,
        origin: url.origin,
        startMs: clock.now(),
        headers: carriedTraceHeaders(call.headers),
        mode: 'none',
        inject: null,
        entry: null,
        end: null,
        timer: null,
      };
      if (Object.keys(request.headers).length > 0) {
        request.mode = 'page';
      } else {
        const rule = state?.rules.find((r) => originMatches(r.pattern, request.origin))?.rule;
        const dnrHeaders = rule?.dnr ? state?.config.dnrHeaders?.[rule.origin] : undefined;
        if (dnrHeaders !== undefined) {
          request.mode = 'dnr';
          request.headers = { ...dnrHeaders };
        } else if (rule !== undefined && !rule.dnr && rule.formats.length > 0 && !corsSuspects.has(request.origin)) {
          const context = {
            traceId: newTraceId(randomBytes, { only64Bit: needs64BitTraceId(rule.formats) }),
            spanId: newSpanId(randomBytes),
            sampled: state?.config.sampled ?? true,
          };
          request.mode = 'injected';
          request.inject = headersFor(rule.formats, context);
          request.headers = { ...request.inject };
        }
      }
      if (open.size >= MAX_OPEN_REQUESTS) forget(open.values().next().value);
      open.add(request);
      return request;
    },

    /**
     * @param {TracedRequest} request
     * @param {{status: number, responseHeaders?: Record<string, string>}} outcome status 0 = no response
     */
    finish(request, outcome) {
      if (!open.has(request) || request.end !== null) return;
      request.end = { status: outcome.status, endMs: clock.now(), responseHeaders: outcome.responseHeaders ?? {} };
      if (request.mode === 'injected' && outcome.status === 0 && request.origin !== new URL(deps.pageUrl()).origin) {
        corsSuspects.add(request.origin);
      }
      if (request.entry === null) {
        request.entry = nearestEntry(clock.entriesByName(request.url), request.url, request.startMs, (e) => claimed.has(e));
        if (request.entry !== null) claimed.add(request.entry);
      }
      if (request.entry !== null) {
        complete(request);
      } else {
        request.timer = timers.set(() => complete(request), ENTRY_WAIT_MS);
      }
    },

    /**
     * Offers a fetch/XHR Resource Timing entry from the page's observer.
     * @param {any} entry
     */
    resourceEntry(entry) {
      if (claimed.has(entry)) return;
      const waiting = [...open].filter((r) => r.entry === null);
      const request = nearestRequest(waiting, entry);
      if (request === null) return;
      claimed.add(entry);
      request.entry = entry;
      if (request.end !== null) {
        timers.clear(request.timer);
        complete(request);
      }
    },

    /** Sends every finished request now, with or without its entry (the page is going away). */
    flushFinished() {
      for (const request of [...open]) {
        if (request.end === null) continue;
        timers.clear(request.timer);
        complete(request);
      }
    },
  };

  /** @param {TracedRequest | undefined} request */
  function forget(request) {
    if (request === undefined) return;
    timers.clear(request.timer);
    open.delete(request);
  }

  /** @param {TracedRequest} request */
  function complete(request) {
    if (!open.delete(request) || request.end === null) return;
    const entry = request.entry;
    const responseHeaders = { ...request.end.responseHeaders };
    if (entry && responseHeaders['server-timing'] === undefined && entry.serverTiming?.length > 0) {
      responseHeaders['server-timing'] = serverTimingHeader(entry.serverTiming);
    }
    const event = resourceEvent({
      id: request.id,
      date: clock.timeOrigin + (entry ? entry.startTime : request.startMs),
      view,
      kind: request.kind,
      url: request.url,
      method: request.method,
      statusCode: request.end.status,
      durationMs: entry && entry.responseEnd > 0 ? entry.duration : request.end.endMs - request.startMs,
      timing: entry ? relativeTiming(entry) : undefined,
      headers: request.headers,
      responseHeaders,
    });
    emit({ event, meta: { mode: request.mode } });
  }

  /** @param {TracedRequest[]} requests @param {any} entry */
  function nearestRequest(requests, entry) {
    let best = null;
    for (const request of requests) {
      if (nearestEntry([entry], request.url, request.startMs, () => false) === null) continue;
      if (best === null || Math.abs(entry.startTime - request.startMs) < Math.abs(entry.startTime - best.startMs)) {
        best = request;
      }
    }
    return best;
  }
}

/**
 * Server-Timing as the header would read, rebuilt from the entry (readable cross-origin only with
 * Timing-Allow-Origin), so `traceparent;desc="00-..."` reaches the engine either way.
 * @param {{name: string, duration: number, description: string}[]} metrics
 */
export function serverTimingHeader(metrics) {
  return metrics
    .map((m) => {
      let part = m.name;
      if (m.duration > 0) part += `;dur=${m.duration}`;
      if (m.description) part += `;desc="${m.description.replace(/["\\]/g, '\\$&')}"`;
      return part;
    })
    .join(', ');
}
