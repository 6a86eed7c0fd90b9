/**
 * Fakes of the browser for unit tests: a storage area that yields between read and write (so lost
 * updates show), manual timers, and a `chrome` with what the service worker uses.
 */

/** Lets every pending promise callback run. */
export const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A chrome.storage area; every call resolves in a later turn, as the real one does. */
export function fakeStorageArea(initial = {}) {
  /** @type {Record<string, any>} */
  const data = structuredClone(initial);
  const later = (/** @type {any} */ value) => new Promise((resolve) => setImmediate(() => resolve(value)));
  return {
    data,
    /** @param {string | string[] | null} keys */
    get(keys) {
      const wanted = keys === null ? Object.keys(data) : [keys].flat();
      return later(Object.fromEntries(wanted.filter((k) => k in data).map((k) => [k, structuredClone(data[k])])));
    },
    /** @param {Record<string, any>} items */
    set(items) {
      return later(undefined).then(() => { Object.assign(data, structuredClone(items)); });
    },
    /** @param {string} key */
    remove(key) {
      return later(undefined).then(() => { delete data[key]; });
    },
  };
}

/** Timers that fire only when the test advances the clock. */
export function fakeTimers() {
  let now = 0;
  let nextId = 1;
  /** @type {Map<number, {at: number, fn: () => void}>} */
  const pending = new Map();
  return {
    now: () => now,
    set(/** @type {() => void} */ fn, /** @type {number} */ ms) {
      const id = nextId++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clear(/** @type {number} */ id) {
      pending.delete(id);
    },
    pendingDelays: () => [...pending.values()].map((t) => t.at - now),
    /** Moves the clock, firing due timers in order (and ones they set, if due). */
    async advance(/** @type {number} */ ms) {
      const target = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (due === undefined) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        await settle();
      }
      now = target;
      await settle();
    },
  };
}

/** Bytes from a counter: ids differ per call and are never all zero. */
export function countingBytes() {
  let counter = 0;
  return (/** @type {number} */ n) => {
    counter++;
    return Uint8Array.from({ length: n }, (_, i) => (counter * 31 + i * 7 + 1) % 256);
  };
}

/** An event source with the shape of chrome.*.onX. */
function chromeEvent() {
  /** @type {Function[]} */
  const listeners = [];
  return {
    listeners,
    addListener: (/** @type {Function} */ l) => listeners.push(l),
    /** @param {...any} args */
    emit: (...args) => listeners.map((l) => l(...args)),
  };
}

/** The part of `chrome` the service worker uses, recording what it was asked to do. */
export function fakeChrome(settings = undefined) {
  /** @type {any[]} */
  let registered = [];
  /** @type {any[]} */
  let sessionRules = [];
  return {
    runtime: { id: 'ext-id', onMessage: chromeEvent(), onInstalled: chromeEvent(), onStartup: chromeEvent() },
    storage: {
      local: fakeStorageArea(settings === undefined ? {} : { settings }),
      session: fakeStorageArea(),
      onChanged: chromeEvent(),
    },
    tabs: { onRemoved: chromeEvent() },
    alarms: { onAlarm: chromeEvent(), created: /** @type {any[]} */ ([]), create(/** @type {string} */ name, /** @type {any} */ info) { this.created.push({ name, ...info }); } },
    scripting: {
      registered: () => registered,
      async getRegisteredContentScripts(/** @type {{ids: string[]}} */ filter) {
        return registered.filter((s) => filter.ids.includes(s.id));
      },
      async unregisterContentScripts(/** @type {{ids: string[]}} */ filter) {
        registered = registered.filter((s) => !filter.ids.includes(s.id));
      },
      async registerContentScripts(/** @type {any[]} */ scripts) {
        registered.push(...scripts);
      },
    },
    declarativeNetRequest: {
      rules: () => sessionRules,
      async updateSessionRules(/** @type {{removeRuleIds?: number[], addRules?: any[]}} */ update) {
        sessionRules = sessionRules.filter((r) => !(update.removeRuleIds ?? []).includes(r.id));
        sessionRules.push(...(update.addRules ?? []));
      },
    },
  };
}
