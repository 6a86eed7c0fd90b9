/**
 * What every test page does once its SDK is set up: one fetch and one XHR to the test backend, then
 * `window.tracebridgeResult` says how they ended (the driver waits for it). The page reads its
 * configuration from the query string: `api` (the backend's origin), `intake` (Tracebridge's ingest
 * origin) and `run` (a per-run token the backend paths carry, so each test finds its own requests).
 */
(() => {
  const query = new URLSearchParams(location.search);

  function config() {
    const api = query.get('api');
    const intake = query.get('intake');
    const run = query.get('run');
    if (!api || !intake || !run) throw new Error(`page needs ?api=&intake=&run=, got ${location.search}`);
    return { api, intake, run };
  }

  async function fetchCall(url) {
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' } });
      await response.text();
      return { url, status: response.status };
    } catch (e) {
      return { url, status: 0, error: String(e) };
    }
  }

  function xhrCall(url, method, body) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      xhr.setRequestHeader('content-type', 'application/json');
      xhr.onloadend = () => resolve({ url, status: xhr.status });
      xhr.send(body);
    });
  }

  /**
   * Resolves once the browser has a Resource Timing entry for each call (bounded by `timeoutMs`), then
   * `settleMs` later: SDKs that build a request's event from its entry do so asynchronously.
   */
  async function resourceTimings(calls, settleMs, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    const missing = () => calls.filter((c) => performance.getEntriesByName(c.url, 'resource').length === 0);
    while (missing().length > 0) {
      if (Date.now() > deadline) {
        throw new Error(`no Resource Timing entry within ${timeoutMs} ms for ${missing().map((c) => c.url)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  }

  /** Runs the page's calls and publishes their outcome, or the reason they could not run. */
  async function run(calls) {
    try {
      window.tracebridgeResult = { calls: await calls() };
    } catch (e) {
      window.tracebridgeResult = { error: String(e && e.stack ? e.stack : e) };
    }
  }

  window.tracebridgePage = { config, fetchCall, xhrCall, resourceTimings, run };
})();
