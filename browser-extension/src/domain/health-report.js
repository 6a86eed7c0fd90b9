/**
 * The engine's propagation-health report of the app (`GET /api/v1/propagation-health?app=`), summed
 * over its hours, URL patterns and header formats into one count per verdict, for the popup's line
 * "what became of this app's trace headers lately". Read defensively: an unknown or malformed row is
 * skipped, not an error.
 */

/** The order the popup lists verdicts in: the good one first, then the failures. */
const ORDER = ['linked', 'cors_blocked', 'header_stripped', 'id_mismatch', 'sampled_out', 'not_instrumented'];

/**
 * @param {unknown} report the API's JSON
 * @returns {{totals: {verdict: string, count: number}[], partial: boolean}}
 */
export function verdictTotals(report) {
  const body = typeof report === 'object' && report !== null ? /** @type {Record<string, unknown>} */ (report) : {};
  /** @type {Map<string, number>} */
  const sums = new Map();
  for (const row of Array.isArray(body.counts) ? body.counts : []) {
    const verdict = row?.verdict;
    const count = Number(row?.count);
    if (typeof verdict !== 'string' || verdict === '' || !Number.isFinite(count) || count <= 0) continue;
    sums.set(verdict, (sums.get(verdict) ?? 0) + count);
  }
  const rank = (/** @type {string} */ v) => (ORDER.includes(v) ? ORDER.indexOf(v) : ORDER.length);
  const totals = [...sums].map(([verdict, count]) => ({ verdict, count }))
    .sort((a, b) => rank(a.verdict) - rank(b.verdict) || a.verdict.localeCompare(b.verdict));
  return { totals, partial: body.partial === true };
}
