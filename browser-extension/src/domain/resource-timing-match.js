/**
 * Pairs a request with its PerformanceResourceTiming entry the way browser RUM SDKs do: same URL,
 * start time nearest to the moment the request was made, each entry used once.
 */

/**
 * The browser stamps the entry's startTime a little after the wrapper read its clock; allow that much
 * earlier because both clocks are coarsened (100 µs, 5 µs in isolated pages) and rounding can invert them.
 */
export const START_TOLERANCE_MS = 1;

/**
 * @template {{name: string, startTime: number}} E
 * @param {Iterable<E>} entries candidates (already filtered to the URL or not)
 * @param {string} url absolute URL of the request
 * @param {number} startMs when the request was made, same clock as the entries
 * @param {(entry: E) => boolean} isClaimed entries already given to another request
 * @returns {E | null}
 */
export function nearestEntry(entries, url, startMs, isClaimed) {
  let best = null;
  let bestDistance = Infinity;
  for (const entry of entries) {
    if (entry.name !== url || isClaimed(entry)) continue;
    if (entry.startTime < startMs - START_TOLERANCE_MS) continue;
    const distance = Math.abs(entry.startTime - startMs);
    if (distance < bestDistance) {
      best = entry;
      bestDistance = distance;
    }
  }
  return best;
}
