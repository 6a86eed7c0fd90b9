/**
 * When to try the intake again: Retry-After if the server said, else exponential backoff with jitter
 * (so tabs of many testers do not hit a recovering engine in step).
 */

export const INITIAL_BACKOFF_MS = 1000;
/** A tester waits for the panel; a minute between tries is the most that still feels alive. */
export const MAX_BACKOFF_MS = 60_000;
/** An engine asking for more than this is obeyed only up to it: a stuck header must not stall the outbox for hours. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * @param {number} attempt 1 for the first retry
 * @param {() => number} random uniform in [0, 1)
 */
export function backoffDelay(attempt, random) {
  if (!(attempt >= 1)) throw new Error(`attempt: ${attempt} (expected: >= 1)`);
  const ceiling = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * Retry-After in ms (delta-seconds or HTTP-date), or null when absent or unreadable.
 * @param {string | null} header
 * @param {number} nowMs
 */
export function retryAfterMs(header, nowMs) {
  if (header === null || header.trim() === '') return null;
  const text = header.trim();
  let ms;
  if (/^\d+$/.test(text)) {
    ms = Number(text) * 1000;
  } else {
    const date = Date.parse(text);
    if (Number.isNaN(date)) return null;
    ms = Math.max(0, date - nowMs);
  }
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}
