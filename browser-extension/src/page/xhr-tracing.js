/**
 * Wraps XMLHttpRequest's `open`, `setRequestHeader` and `send` on the prototype: `open` remembers the
 * method and URL, `setRequestHeader` the page's own headers (so an SDK's context is seen), `send` adds
 * the tracer's headers and waits for `loadend`.
 */
import { instrumentMethod } from './instrument-method.js';
import { RESPONSE_TRACE_HEADERS } from './fetch-tracing.js';

/**
 * @param {any} win the page's window
 * @param {ReturnType<typeof import('./request-tracer.js').createRequestTracer>} tracer
 */
export function instrumentXhr(win, tracer) {
  const proto = win.XMLHttpRequest?.prototype;
  if (proto === undefined) return { stop() {} };
  // Captured before wrapping: our own header writes must not be recorded as the page's.
  const setHeader = proto.setRequestHeader;
  const addListener = win.EventTarget.prototype.addEventListener;
  /** @type {WeakMap<object, {method: string, url: string, headers: [string, string][]}>} */
  const calls = new WeakMap();

  const undo = [
    instrumentMethod(proto, 'open', (xhr, args) => {
      calls.set(xhr, { method: String(args[0]), url: String(args[1]), headers: [] });
      return undefined;
    }),
    instrumentMethod(proto, 'setRequestHeader', (xhr, args) => {
      calls.get(xhr)?.headers.push([String(args[0]), String(args[1])]);
      return undefined;
    }),
    instrumentMethod(proto, 'send', (xhr) => {
      const call = calls.get(xhr);
      if (call === undefined) return undefined;
      const request = tracer.begin({ kind: 'xhr', method: call.method, url: call.url, headers: call.headers });
      if (request === null) return undefined;
      if (request.inject !== null) {
        for (const [name, value] of Object.entries(request.inject)) setHeader.call(xhr, name, value);
      }
      addListener.call(xhr, 'loadend', () => {
        try {
          tracer.finish(request, { status: xhr.status, responseHeaders: traceResponseHeaders(xhr) });
        } catch {
          // the request is simply not reported
        }
      });
      return undefined;
    }),
  ];
  return { stop: () => undo.forEach((u) => u.stop()) };
}

/**
 * Read through getAllResponseHeaders, which lists only exposed headers: getResponseHeader on an
 * unexposed one would print "Refused to get unsafe header" in the page's console.
 * @param {XMLHttpRequest} xhr
 */
function traceResponseHeaders(xhr) {
  /** @type {Record<string, string>} */
  const found = {};
  for (const line of xhr.getAllResponseHeaders().split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (RESPONSE_TRACE_HEADERS.includes(name)) found[name] = line.slice(colon + 1).trim();
  }
  return found;
}
