/**
 * Boot of the MAIN-world content script (document_start, allow-listed pages only). Wraps fetch and XHR
 * before any page script runs, captures the page, and steps aside completely if the extension says
 * this page is not traced. Every entry point is guarded: a failure here leaves the page as it was.
 */
import { createRequestTracer } from './request-tracer.js';
import { instrumentFetch } from './fetch-tracing.js';
import { instrumentXhr } from './xhr-tracing.js';
import { capturePage, guarded } from './page-capture.js';
import { linkToExtension } from './extension-link.js';

/** Installed once per document even if the script were injected twice. */
const INSTALLED = Symbol.for('tracebridge.installed');

/**
 * @param {any} win
 */
export function startPageTracing(win) {
  if (win[INSTALLED]) return;
  win[INSTALLED] = true;
  const crypto = win.crypto;
  const randomBytes = (/** @type {number} */ n) => crypto.getRandomValues(new Uint8Array(n));
  const performance = win.performance;
  const view = { id: '', url: String(win.location.href) };
  const setTimeout = win.setTimeout.bind(win);
  const clearTimeout = win.clearTimeout.bind(win);

  let configured = false;
  let loaded = win.document.readyState === 'complete';
  /** @type {{sendView: () => void, stop: () => void} | null} */
  let capture = null;

  const link = linkToExtension({
    document: win.document,
    CustomEvent: win.CustomEvent,
    onConfig: (config) => {
      if (config?.enabled !== true) {
        tracer.stopWaiting();
        stop();
        return;
      }
      view.id = config.viewId;
      tracer.configure(config);
      configured = true;
      if (loaded) capture?.sendView();
    },
  });
  const tracer = createRequestTracer({
    clock: {
      now: () => performance.now(),
      timeOrigin: performance.timeOrigin,
      entriesByName: (url) => performance.getEntriesByName(url, 'resource'),
    },
    timers: { set: (fn, ms) => setTimeout(guarded(fn), ms), clear: (handle) => clearTimeout(handle) },
    randomBytes,
    pageUrl: () => String(win.location.href),
    view,
    emit: (envelope) => link.send(envelope),
  });
  const wrappers = [instrumentFetch(win, tracer), instrumentXhr(win, tracer)];
  capture = capturePage({ win, view, randomBytes, tracer, emit: (envelope) => link.send(envelope) });

  win.addEventListener('load', guarded(() => {
    // loadEventEnd is set once the load handlers returned; read it in the next task.
    setTimeout(guarded(() => {
      loaded = true;
      if (configured) capture?.sendView();
    }), 0);
  }));
  win.document.addEventListener('visibilitychange', guarded(() => {
    if (win.document.visibilityState === 'hidden') link.flush();
  }));
  win.addEventListener('pagehide', guarded(() => {
    if (configured) capture?.sendView();
    tracer.flushFinished();
    link.flush();
  }));

  function stop() {
    wrappers.forEach((w) => w.stop());
    capture?.stop();
    capture = null;
  }
}
