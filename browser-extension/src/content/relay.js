/**
 * The isolated-world content script: asks the service worker whether this page is traced (and gets
 * the page's config), hands the config to the MAIN world, and carries the page's events to the
 * service worker in small batches. The page's CSP does not apply to chrome.runtime messaging, which is
 * why events never leave the page through fetch.
 */
import { TO_EXTENSION, TO_PAGE, readPageMessage } from '../domain/page-channel.js';

/** Events gathered this long before one message to the service worker: fewer wake-ups, little delay. */
export const RELAY_BATCH_MS = 250;
/** Held while the service worker does not answer; a page cannot grow the extension's memory past this. */
export const MAX_RELAY_BUFFER = 1000;

export const HELLO = 'tb.hello';
export const EVENTS = 'tb.events';

/**
 * @param {{document: any, window: any, CustomEvent: any,
 *          runtime: {sendMessage: (message: any) => Promise<any>},
 *          timers: {set: (fn: () => void, ms: number) => any, clear: (handle: any) => void}}} deps
 */
export function startRelay(deps) {
  const { document, window, CustomEvent, runtime, timers } = deps;
  /** @type {any} */
  let config = null;
  /** @type {any[]} */
  let buffer = [];
  let timer = null;

  const deliverConfig = () =>
    document.dispatchEvent(new CustomEvent(TO_PAGE, { detail: JSON.stringify({ type: 'config', config }) }));

  document.addEventListener(TO_EXTENSION, (/** @type {any} */ event) => {
    const message = readPageMessage(event.detail);
    if (message === null) return;
    if (message.type === 'ready') {
      if (config !== null) deliverConfig();
    } else if (message.type === 'flush') {
      send(true);
    } else if (config?.enabled === true) {
      buffer.push(...message.envelopes);
      if (buffer.length > MAX_RELAY_BUFFER) buffer = buffer.slice(buffer.length - MAX_RELAY_BUFFER);
      if (timer === null) timer = timers.set(() => send(false), RELAY_BATCH_MS);
    }
  });
  window.addEventListener('pagehide', () => send(true));

  const hello = safely(() => runtime.sendMessage({ type: HELLO, url: String(window.location.href) }));
  const ready = hello.then((answer) => {
    config = answer?.enabled === true ? answer.config : { enabled: false };
    deliverConfig();
  });

  /** @param {boolean} flush */
  function send(flush) {
    if (timer !== null) timers.clear(timer);
    timer = null;
    if (buffer.length === 0 && !flush) return;
    if (config?.enabled !== true) return;
    const envelopes = buffer;
    buffer = [];
    safely(() => runtime.sendMessage({ type: EVENTS, envelopes, flush }));
  }

  return { ready };
}

/**
 * chrome.runtime throws synchronously once the extension was reloaded or removed ("Extension context
 * invalidated") and rejects when the service worker has no answer: either way this page just stops
 * reporting.
 * @param {() => Promise<any>} call
 * @returns {Promise<any>}
 */
function safely(call) {
  try {
    return Promise.resolve(call()).catch(() => undefined);
  } catch {
    return Promise.resolve(undefined);
  }
}
