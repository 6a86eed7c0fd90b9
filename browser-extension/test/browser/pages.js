/**
 * The pages the browser tests load. Each exposes `runScenario()`, which makes its requests and
 * resolves with what the page itself saw, so a test compares that with what it would see without the
 * extension.
 */

/** Records an outcome the way a page's own code would see it. */
const OUTCOME_HELPERS = `
  async function viaFetch(name, input, init) {
    try { const r = await fetch(input, init); await r.text(); return { name, status: r.status, traceresponse: r.headers.get('traceresponse') }; }
    catch (e) { return { name, error: e.name }; }
  }
  function viaXhr(name, method, url, headers = {}) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
      xhr.onloadend = () => resolve(xhr.status === 0 ? { name, error: 'NetworkError' } : { name, status: xhr.status });
      xhr.send(method === 'POST' ? '{"item":1}' : null);
    });
  }
`;

/** @param {{allowing: string, allowingNoTiming: string, refusing: string}} apis */
export function appPage(apis) {
  return `<!doctype html><html><head><title>test app</title>
  <script>window.early = fetch('/api/early').then((r) => r.status);</script>
  </head><body><h1>Test app</h1><script>
  ${OUTCOME_HELPERS}
  window.fetchMany = async (count) => {
    const start = performance.now();
    for (let i = 0; i < count; i++) await (await fetch('/api/many?i=' + i)).text();
    return performance.now() - start;
  };
  window.runScenario = async () => [
    await viaFetch('same-origin fetch', '/api/orders?n=1'),
    await viaXhr('same-origin xhr', 'POST', '/api/orders'),
    await viaFetch('same-origin 500', '/api/fail'),
    await viaFetch('cors allowing, timing allowed', '${apis.allowing}/api/b'),
    await viaXhr('cors allowing, no timing', 'GET', '${apis.allowingNoTiming}/api/c'),
    await viaFetch('cors refusing headers', '${apis.refusing}/api/d'),
    await viaFetch('cors refusing headers, again', '${apis.refusing}/api/d2'),
  ];
  window.throwError = () => setTimeout(() => { throw new TypeError('checkout button broke'); }, 0);
  </script></body></html>`;
}

/**
 * A page whose own tracing SDK sets traceparent itself, as OpenTelemetry web or Datadog RUM would: it
 * wraps fetch after the extension did (page scripts run after document_start) and sets the header on XHR.
 * @param {{allowing: string}} apis
 */
export function sdkPage(apis) {
  return `<!doctype html><html><head><title>sdk page</title><script>
  (function installSdk() {
    const original = window.fetch;
    let n = 0;
    window.sdkTraceId = (i) => '4bf92f3577b34da6a3ce929d0e0e47' + String(i).padStart(2, '0');
    window.fetch = function (input, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('traceparent', '00-' + window.sdkTraceId(++n) + '-00f067aa0ba902b7-01');
      return original.call(this, input, { ...init, headers });
    };
  })();
  </script></head><body><h1>Page with its own SDK</h1><script>
  ${OUTCOME_HELPERS}
  window.runScenario = async () => [
    await viaFetch('sdk fetch', '/api/sdk-fetch'),
    await viaFetch('sdk fetch cross-origin', '${apis.allowing}/api/sdk'),
    await viaXhr('sdk xhr', 'GET', '/api/sdk-xhr', { traceparent: '00-' + window.sdkTraceId(99) + '-00f067aa0ba902b7-01' }),
  ];
  </script></body></html>`;
}

/** A page whose CSP lets it connect to its own origin only. */
export function cspPage() {
  return `<!doctype html><html><head><title>strict csp</title></head><body><h1>Strict CSP</h1><script>
  ${OUTCOME_HELPERS}
  window.runScenario = async () => [await viaFetch('same-origin under csp', '/api/csp')];
  window.throwError = () => setTimeout(() => { throw new RangeError('csp page broke'); }, 0);
  </script></body></html>`;
}
