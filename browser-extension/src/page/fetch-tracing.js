/**
 * Wraps `window.fetch`: adds the tracer's headers to the call and reports its outcome. The page gets a
 * promise that settles exactly as the original would, with the same value or the same error, and an
 * unhandled rejection stays unhandled.
 */
import { instrumentMethod } from './instrument-method.js';

/** Response headers that carry the server's ids back, readable only if the server exposes them (CORS). */
export const RESPONSE_TRACE_HEADERS = Object.freeze(['traceresponse', 'server-timing']);

/**
 * @param {any} win the page's window (fetch, Headers, Request)
 * @param {ReturnType<typeof import('./request-tracer.js').createRequestTracer>} tracer
 */
export function instrumentFetch(win, tracer) {
  const { Headers, Request } = win;
  return instrumentMethod(win, 'fetch', (_thisArg, args) => {
    // A fetch is asynchronous anyway: one made in the page's first milliseconds waits for the config
    // (briefly, see CONFIG_WAIT_MS) so that it is traced too. XHR cannot wait: it may be synchronous.
    if (tracer.isWaiting()) return { hold: tracer.configured(), replan: () => plan(args) };
    return plan(args);
  });

  /** @param {unknown[]} args @returns {import('./instrument-method.js').CallPlan | undefined} */
  function plan(args) {
    const [input, init] = /** @type {[any, any]} */ (args);
    const isRequest = input instanceof Request;
    // Per the Fetch standard, init.headers replaces the Request's headers rather than merging.
    const presentHeaders = new Headers(init?.headers ?? (isRequest ? input.headers : undefined));
    const request = tracer.begin({
      kind: 'fetch',
      method: String(init?.method ?? (isRequest ? input.method : 'GET')),
      url: isRequest ? input.url : String(input),
      headers: presentHeaders,
    });
    if (request === null) return undefined;
    let callArgs = args;
    if (request.inject !== null) {
      for (const [name, value] of Object.entries(request.inject)) presentHeaders.set(name, value);
      callArgs = [input, { ...init, headers: presentHeaders }, ...args.slice(2)];
    }
    return {
      args: callArgs,
      after: (/** @type {Promise<any>} */ promise) =>
        promise.then(
          (response) => {
            quietly(() => tracer.finish(request, { status: response.status, responseHeaders: traceResponseHeaders(response.headers) }));
            return response;
          },
          (error) => {
            quietly(() => tracer.finish(request, { status: 0 }));
            throw error;
          },
        ),
    };
  }
}

/**
 * Our bookkeeping must never turn the page's response into a failure.
 * @param {() => void} action
 */
function quietly(action) {
  try {
    action();
  } catch {
    // the request is simply not reported
  }
}

/** @param {Headers} headers */
function traceResponseHeaders(headers) {
  /** @type {Record<string, string>} */
  const found = {};
  for (const name of RESPONSE_TRACE_HEADERS) {
    const value = headers.get(name); // null, silently, when CORS does not expose it
    if (value !== null) found[name] = value;
  }
  return found;
}
