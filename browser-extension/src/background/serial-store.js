/**
 * chrome.storage.session with every operation run one after another. The service worker handles
 * messages from many tabs concurrently; two interleaved read-modify-writes of the same key would
 * each write back their own copy and lose the other's rows (REFERENCE §3).
 *
 * @typedef {{get: (key: string) => Promise<Record<string, any>>, set: (items: Record<string, any>) => Promise<void>,
 *            remove: (key: string) => Promise<void>}} StorageArea
 */

/** @param {StorageArea} area */
export function createSerialStore(area) {
  /** @type {Promise<unknown>} */
  let tail = Promise.resolve();

  /**
   * @template T
   * @param {() => Promise<T> | T} task
   * @returns {Promise<T>}
   */
  function serially(task) {
    const run = tail.then(task);
    tail = run.catch(() => undefined); // one failed write must not stop the ones after it
    return run;
  }

  return {
    /** @param {string} key */
    get: (key) => serially(async () => (await area.get(key))[key]),
    /** @param {string} key @param {unknown} value */
    set: (key, value) => serially(() => area.set({ [key]: value })),
    /** @param {string} key */
    remove: (key) => serially(() => area.remove(key)),
    /**
     * Reads the key, lets `change` compute the next value, writes it; nothing else runs in between.
     * `change` returning undefined leaves the key as it was.
     * @template T
     * @param {string} key
     * @param {(current: any) => T} change
     * @returns {Promise<T>}
     */
    update: (key, change) =>
      serially(async () => {
        const next = change((await area.get(key))[key]);
        if (next !== undefined) await area.set({ [key]: next });
        return next;
      }),
  };
}
