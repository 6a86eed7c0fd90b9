/**
 * The channel between the page's MAIN world and the extension's isolated world. Both worlds share the
 * DOM, so a CustomEvent dispatched on `document` reaches the other world synchronously. Synchronous
 * matters: on `pagehide` the page's last events must cross before the document goes away, and a
 * `window.postMessage` (a queued task) would be dropped there and also seen by the page's own
 * `message` listeners. The detail is a JSON string because objects do not cross worlds.
 */

/** Extension (isolated world) to page (MAIN world): `{type: 'config', config}`. */
export const TO_PAGE = 'tracebridge:to-page';
/** Page to extension: `{type: 'ready'}`, `{type: 'events', envelopes}`, `{type: 'flush'}`. */
export const TO_EXTENSION = 'tracebridge:to-extension';

/** Event types the relay forwards; anything else a page dispatches under our name is dropped. */
export const EVENT_TYPES = Object.freeze(['view', 'resource', 'error', 'action', 'long_task']);

/** A page may dispatch our event itself; cap what one message can make the extension carry. */
export const MAX_MESSAGE_CHARS = 512 * 1024;

/**
 * Reads a message from the page; null for anything malformed or oversized.
 * @param {unknown} detail
 * @returns {{type: 'ready'} | {type: 'flush'} | {type: 'events', envelopes: {event: Record<string, any>, meta?: Record<string, any>}[]} | null}
 */
export function readPageMessage(detail) {
  if (typeof detail !== 'string' || detail.length > MAX_MESSAGE_CHARS) return null;
  let message;
  try {
    message = JSON.parse(detail);
  } catch {
    return null;
  }
  if (message === null || typeof message !== 'object') return null;
  if (message.type === 'ready' || message.type === 'flush') return { type: message.type };
  if (message.type !== 'events' || !Array.isArray(message.envelopes)) return null;
  const envelopes = message.envelopes.filter(
    (/** @type {any} */ e) =>
      e !== null && typeof e === 'object' && e.event !== null && typeof e.event === 'object'
      && EVENT_TYPES.includes(e.event.type) && typeof e.event.id === 'string',
  );
  return { type: 'events', envelopes };
}
