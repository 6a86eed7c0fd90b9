/**
 * Sends the outbox to `<endpoint>/v1/rum` as JSON arrays, one request at a time. Success removes the
 * batch; 429/503 (and other 5xx, network errors, time-outs) keep it and retry after Retry-After or a
 * backoff; any other 4xx means the engine will never take this batch, so it is dropped and counted.
 */
import { backoffDelay, retryAfterMs } from './backoff.js';

export const INTAKE_PATH = '/v1/rum';
/** Events per request: well under the engine's request-size bound, and one request per second of a busy page. */
export const MAX_BATCH_EVENTS = 100;
/** Events wait this long for company before a request goes out, unless a flush asks for now. */
export const BATCH_DELAY_MS = 1000;
/** A request the intake has not answered by then is treated as a network error and retried. */
export const SEND_TIMEOUT_MS = 10_000;

/**
 * @typedef {{sent: number, rejected: number, retries: number, lastError: string | null, lastSentAt: number | null}} ShipStats
 */

/**
 * @param {{
 *   outbox: ReturnType<typeof import('./outbox.js').createOutbox>,
 *   endpoint: () => Promise<string>,
 *   fetch: (url: string, init: any) => Promise<{status: number, headers: {get: (name: string) => string | null}}>,
 *   timers: {set: (fn: () => void, ms: number) => any, clear: (handle: any) => void},
 *   now: () => number, random: () => number,
 *   onStats?: (stats: ShipStats) => void,
 *   onBackoff?: (untilMs: number) => void,
 * }} deps
 */
export function createIntakeShipper(deps) {
  const { outbox, timers, now, random } = deps;
  /** @type {ShipStats} */
  const stats = { sent: 0, rejected: 0, retries: 0, lastError: null, lastSentAt: null };
  /** @type {Promise<void> | null} */
  let running = null;
  let failures = 0;
  let retryAt = 0;
  let timer = null;

  return {
    stats: () => ({ ...stats }),
    /** @param {Partial<ShipStats> | undefined} saved counters of an earlier service worker */
    restoreStats(saved) {
      if (saved === undefined || saved === null) return;
      stats.sent += saved.sent ?? 0;
      stats.rejected += saved.rejected ?? 0;
      stats.retries += saved.retries ?? 0;
      stats.lastError ??= saved.lastError ?? null;
      stats.lastSentAt ??= saved.lastSentAt ?? null;
    },
    /** Called when events were added: sends when a batch is full, else soon. */
    schedule() {
      if (outbox.size() >= MAX_BATCH_EVENTS) void run();
      else arm(BATCH_DELAY_MS);
    },
    /** Sends everything now, unless the intake asked us to wait. Resolves when the outbox is empty or waiting. */
    flush: () => run(),
  };

  /** @param {number} delayMs */
  function arm(delayMs) {
    if (timer !== null || running !== null) return;
    timer = timers.set(() => {
      timer = null;
      void run();
    }, delayMs);
  }

  /** One run at a time; a second caller waits for the run under way. */
  function run() {
    running ??= drain().finally(() => {
      running = null;
      deps.onStats?.({ ...stats });
      if (retryAt > now() && outbox.size() > 0) arm(retryAt - now());
    });
    return running;
  }

  async function drain() {
    if (now() < retryAt) return;
    if (timer !== null) timers.clear(timer);
    timer = null;
    await outbox.restored;
    while (outbox.size() > 0) {
      const wait = await sendOne();
      if (wait !== null) {
        retryAt = now() + wait;
        deps.onBackoff?.(retryAt);
        return;
      }
    }
  }

  /** @returns {Promise<number | null>} ms to wait before the next try, null to go on */
  async function sendOne() {
    const batch = outbox.peek(MAX_BATCH_EVENTS);
    let response;
    const abort = new AbortController();
    const timeout = timers.set(() => abort.abort(), SEND_TIMEOUT_MS);
    try {
      response = await deps.fetch((await deps.endpoint()) + INTAKE_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch),
        signal: abort.signal,
      });
    } catch (error) {
      return retryLater(`intake unreachable: ${error instanceof Error ? error.message : error}`, null);
    } finally {
      timers.clear(timeout);
    }
    const status = response.status;
    if (status >= 200 && status < 300) {
      failures = 0;
      stats.sent += batch.length;
      stats.lastSentAt = now();
      stats.lastError = null;
      await outbox.remove(batch);
      return null;
    }
    if (status === 429 || status >= 500) {
      return retryLater(`intake answered ${status}`, retryAfterMs(response.headers.get('retry-after'), now()));
    }
    // 400, 404, 413...: resending the same bytes gets the same answer.
    failures = 0;
    stats.rejected += batch.length;
    stats.lastError = `intake refused ${batch.length} events with ${status}`;
    await outbox.remove(batch);
    return null;
  }

  /** @param {string} reason @param {number | null} serverWait */
  function retryLater(reason, serverWait) {
    failures++;
    stats.retries++;
    stats.lastError = reason;
    return serverWait ?? backoffDelay(failures, random);
  }
}
