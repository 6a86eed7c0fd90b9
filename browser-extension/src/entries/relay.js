// Isolated-world content script (document_start): see ../content/relay.js.
import { startRelay } from '../content/relay.js';

try {
  startRelay({
    document,
    window,
    CustomEvent,
    runtime: chrome.runtime,
    timers: { set: (fn, ms) => setTimeout(fn, ms), clear: (handle) => clearTimeout(handle) },
  });
} catch {
  // never break the page
}
