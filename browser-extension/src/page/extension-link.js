/**
 * The page's side of the channel to the extension (see ../domain/page-channel.js). Events made before
 * the config arrives are held (bounded) and sent once it has; if the extension says "disabled" they
 * are dropped.
 */
import { TO_EXTENSION, TO_PAGE } from '../domain/page-channel.js';

/** Events held until the config arrives; the config normally takes a few ms, a page rarely makes more. */
export const MAX_HELD_EVENTS = 500;

/**
 * @param {{document: any, CustomEvent: any, onConfig: (config: any) => void}} deps
 */
export function linkToExtension(deps) {
  const { document, CustomEvent, onConfig } = deps;
  /** @type {any[] | null} null once the config came */
  let held = [];
  let enabled = false;

  const post = (/** @type {Record<string, unknown>} */ message) =>
    document.dispatchEvent(new CustomEvent(TO_EXTENSION, { detail: JSON.stringify(message) }));

  document.addEventListener(TO_PAGE, (/** @type {any} */ event) => {
    try {
      const message = typeof event.detail === 'string' ? JSON.parse(event.detail) : null;
      if (message?.type !== 'config' || held === null) return;
      const pending = held;
      held = null;
      enabled = message.config?.enabled === true;
      onConfig(message.config);
      if (enabled && pending.length > 0) post({ type: 'events', envelopes: pending });
    } catch {
      // a malformed message (or one a page forged) is ignored
    }
  });
  post({ type: 'ready' });

  return {
    /** @param {{event: Record<string, any>, meta?: Record<string, any>}} envelope */
    send(envelope) {
      if (held !== null) {
        if (held.length >= MAX_HELD_EVENTS) held.shift();
        held.push(envelope);
      } else if (enabled) {
        post({ type: 'events', envelopes: [envelope] });
      }
    },
    flush() {
      if (enabled) post({ type: 'flush' });
    },
  };
}
