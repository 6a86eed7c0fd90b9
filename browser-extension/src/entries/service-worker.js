// The extension's service worker: see ../background/background.js.
import { createBackground } from '../background/background.js';

const background = createBackground({
  chrome,
  fetch: (url, init) => fetch(url, init),
  now: () => Date.now(),
  random: () => Math.random(),
  randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
  timers: { set: (fn, ms) => setTimeout(fn, ms), clear: (handle) => clearTimeout(handle) },
});
background.listen();

// The control surface for tests and automation (Playwright's serviceWorker.evaluate):
// configure(settings) -> problems, snapshot(tabId), flush().
globalThis.tracebridge = {
  configure: (settings) => background.configure(settings),
  snapshot: (tabId) => background.snapshot(tabId),
  flush: () => background.flush(),
};
