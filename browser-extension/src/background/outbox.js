/**
 * Events waiting for the intake: oldest first, bounded (past the bound the oldest are dropped and
 * counted), and mirrored to chrome.storage.session so a service worker stopped by the browser while
 * the intake was down resumes where it was.
 */

export const OUTBOX_KEY = 'outbox';

/** ~1 KiB per event: a few MB of the 10 MB chrome.storage.session quota, and minutes of a busy page. */
export const MAX_OUTBOX_EVENTS = 5000;

/**
 * @param {{store: ReturnType<typeof import('./serial-store.js').createSerialStore>, maxEvents?: number}} deps
 */
export function createOutbox(deps) {
  const { store } = deps;
  const maxEvents = deps.maxEvents ?? MAX_OUTBOX_EVENTS;
  if (!(maxEvents > 0)) throw new Error(`maxEvents: ${maxEvents} (expected: > 0)`);
  /** @type {Record<string, any>[]} */
  let events = [];
  let dropped = 0;

  const restored = store.get(OUTBOX_KEY).then((saved) => {
    // Events that arrived while storage was read are newer than the saved ones.
    if (saved && Array.isArray(saved.events)) {
      dropped += saved.dropped ?? 0;
      add(saved.events, { prepend: true });
    }
  }).catch(() => undefined);

  function persist() {
    return store.set(OUTBOX_KEY, { events, dropped }).catch(() => undefined);
  }

  /**
   * @param {Record<string, any>[]} more
   * @param {{prepend?: boolean}} [options]
   */
  function add(more, options = {}) {
    events = options.prepend ? [...more, ...events] : [...events, ...more];
    const excess = events.length - maxEvents;
    if (excess > 0) {
      events = events.slice(excess);
      dropped += excess;
    }
    return persist();
  }

  return {
    restored,
    add: (/** @type {Record<string, any>[]} */ more) => add(more),
    size: () => events.length,
    dropped: () => dropped,
    /** @param {number} count the oldest events, left in place until `remove` */
    peek: (count) => events.slice(0, count),
    /**
     * Removes the given events (sent or refused), wherever newer drops have moved them.
     * @param {Record<string, any>[]} done
     */
    remove(done) {
      const ids = new Set(done);
      events = events.filter((e) => !ids.has(e));
      return persist();
    },
  };
}
