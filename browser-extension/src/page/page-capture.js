/**
 * What the page shows without being asked: its view (navigation timing) and document load, other
 * resources (scripts, images, styles), uncaught errors and long tasks. Fetch/XHR entries go to the
 * request tracer, which pairs them with the calls it saw.
 */
import { errorEvent, longTaskEvent, relativeTiming, resourceEvent, roundMs, viewEvent } from '../domain/rum-events.js';
import { newUuid } from '../domain/ids.js';
import { serverTimingHeader } from './request-tracer.js';

/** Initiator types the fetch/XHR wrappers report themselves. */
const TRACED_INITIATORS = new Set(['fetch', 'xmlhttprequest']);

/**
 * A page that loads thousands of images must not flood the intake; past this many per view, other
 * resources are no longer reported (fetch/XHR always are).
 */
export const MAX_OTHER_RESOURCES_PER_VIEW = 300;

/** Same bound for errors: a page throwing in a render loop would otherwise send one per frame. */
export const MAX_ERRORS_PER_VIEW = 100;

/**
 * @param {{win: any, view: {id: string, url: string}, randomBytes: (n: number) => Uint8Array,
 *          tracer: ReturnType<typeof import('./request-tracer.js').createRequestTracer>,
 *          emit: (envelope: {event: Record<string, any>}) => void}} deps
 */
export function capturePage(deps) {
  const { win, view, randomBytes, tracer, emit } = deps;
  const performance = win.performance;
  const timeOrigin = performance.timeOrigin;
  let viewSent = false;
  let otherResources = 0;
  let errors = 0;
  /** @type {any[]} */
  const observers = [];

  const send = (/** @type {Record<string, any>} */ event) => emit({ event });
  const id = () => newUuid(randomBytes);

  observe('resource', (entry) => {
    if (TRACED_INITIATORS.has(entry.initiatorType)) {
      tracer.resourceEntry(entry);
    } else if (otherResources < MAX_OTHER_RESOURCES_PER_VIEW) {
      otherResources++;
      send(resourceEvent({
        id: id(), date: timeOrigin + entry.startTime, view, kind: 'other', url: entry.name, method: 'GET',
        statusCode: entry.responseStatus ?? 0, durationMs: entry.duration, timing: relativeTiming(entry),
      }));
    }
  });
  observe('longtask', (entry) => {
    send(longTaskEvent({ id: id(), date: timeOrigin + entry.startTime, view, durationMs: entry.duration }));
  });

  const onError = (/** @type {any} */ event) => {
    // Resource load failures also reach a capturing listener; they are no script errors.
    if (typeof event.message !== 'string' || errors >= MAX_ERRORS_PER_VIEW) return;
    errors++;
    const error = event.error;
    send(errorEvent({
      id: id(), date: Date.now(), view, message: event.message,
      errorType: error?.name ?? 'Error',
      stack: String(error?.stack ?? `at ${event.filename}:${event.lineno}:${event.colno}`),
      source: 'source',
    }));
  };
  const onRejection = (/** @type {any} */ event) => {
    if (errors >= MAX_ERRORS_PER_VIEW) return;
    errors++;
    const reason = event.reason;
    send(errorEvent({
      id: id(), date: Date.now(), view,
      message: String(reason?.message ?? reason),
      errorType: reason?.name ?? 'UnhandledRejection',
      stack: String(reason?.stack ?? ''),
      source: 'source',
    }));
  };
  const errorListener = guarded(onError);
  const rejectionListener = guarded(onRejection);
  // Capturing, so a page that stops propagation still has its errors reported. The options object
  // (not `true`) because some EventTarget implementations match removal only by the object form.
  const CAPTURE = { capture: true };
  win.addEventListener('error', errorListener, CAPTURE);
  win.addEventListener('unhandledrejection', rejectionListener, CAPTURE);

  return {
    /** Sends the view and the document load; called after `load`, or on page hide if that came first. */
    sendView() {
      if (viewSent) return;
      viewSent = true;
      const navigation = performance.getEntriesByType('navigation')[0];
      if (navigation === undefined) return;
      send(viewEvent({
        id: view.id, date: timeOrigin, view, referrer: win.document.referrer, timings: viewTimings(navigation),
      }));
      const serverTiming = navigation.serverTiming?.length > 0 ? serverTimingHeader(navigation.serverTiming) : undefined;
      send(resourceEvent({
        id: id(), date: timeOrigin + navigation.startTime, view, kind: 'document', url: navigation.name, method: 'GET',
        statusCode: navigation.responseStatus ?? 0,
        durationMs: navigation.responseEnd - navigation.startTime,
        timing: relativeTiming(navigation),
        responseHeaders: serverTiming === undefined ? {} : { 'server-timing': serverTiming },
      }));
    },
    stop() {
      observers.forEach((o) => o.disconnect());
      win.removeEventListener('error', errorListener, CAPTURE);
      win.removeEventListener('unhandledrejection', rejectionListener, CAPTURE);
    },
  };

  /** @param {string} type @param {(entry: any) => void} onEntry */
  function observe(type, onEntry) {
    if (!win.PerformanceObserver?.supportedEntryTypes?.includes(type)) return;
    const observer = new win.PerformanceObserver(guarded((/** @type {any} */ list) => list.getEntries().forEach(onEntry)));
    observer.observe({ type, buffered: true });
    observers.push(observer);
  }
}

/**
 * @param {any} navigation PerformanceNavigationTiming; marks are ms after navigation start
 * @returns {Record<string, number>}
 */
export function viewTimings(navigation) {
  /** @type {Record<string, number>} */
  const timings = {};
  const marks = [
    ['first_byte', navigation.responseStart],
    ['dom_interactive', navigation.domInteractive],
    ['dom_content_loaded', navigation.domContentLoadedEventEnd],
    ['load_event', navigation.loadEventEnd],
  ];
  for (const [name, value] of marks) if (value > 0) timings[name] = roundMs(value);
  return timings;
}

/**
 * Our listeners and observers must never throw into the page.
 * @template {(...args: any[]) => void} F
 * @param {F} listener
 * @returns {F}
 */
export function guarded(listener) {
  return /** @type {F} */ ((...args) => {
    try {
      listener(...args);
    } catch {
      // dropped: the page must not see our failures
    }
  });
}
