/**
 * The app under test: one page on its own origin (a free port on 127.0.0.1) whose `runScenario()`
 * fetches and XHRs the cross-origin backend, and resolves with what the page itself saw.
 */
import http from 'node:http';

export const APP_PATH = '/app.html';
export const FETCH_PATH = '/api/cart';
export const XHR_PATH = '/api/orders';

/** @param {string} backend the backend's origin */
function appPage(backend) {
  return `<!doctype html><html><head><title>shop under test</title></head><body><h1>Shop</h1><script>
  async function viaFetch(url) {
    try { const r = await fetch(url); await r.text(); return { kind: 'fetch', url, status: r.status }; }
    catch (e) { return { kind: 'fetch', url, error: e.name + ': ' + e.message }; }
  }
  function viaXhr(method, url) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      xhr.setRequestHeader('content-type', 'application/json');
      xhr.onloadend = () => resolve(xhr.status === 0 ? { kind: 'xhr', url, error: 'NetworkError' } : { kind: 'xhr', url, status: xhr.status });
      xhr.send('{"item":1}');
    });
  }
  window.runScenario = async () => [
    await viaFetch(${JSON.stringify(backend + FETCH_PATH)}),
    await viaXhr('POST', ${JSON.stringify(backend + XHR_PATH)}),
  ];
  </script></body></html>`;
}

/** @param {string} backend the backend's origin, written into the page */
export async function startAppServer(backend) {
  const server = http.createServer((req, res) => {
    req.resume();
    if (new URL(String(req.url), 'http://app').pathname === APP_PATH) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(appPage(backend));
      return;
    }
    // favicon.ico and anything else: nothing here, and no console error for it either.
    res.writeHead(204);
    res.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve(undefined)); }),
  };
}
