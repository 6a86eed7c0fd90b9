/**
 * A request's propagation verdict as the panel's table and the popup show it: the verdict (its class
 * colours it; `data-source` says whether the engine decided it) and, for a failure, the one-line hint.
 */
import { h } from './dom.js';

/**
 * @param {import('../domain/verdicts.js').RequestVerdict} verdict
 * @returns {HTMLElement[]}
 */
export function verdictView(verdict) {
  const decidedBy = verdict.source === 'engine' ? "the engine's verdict" : 'from the trace links; the engine decides after the grace period';
  return [
    h('span', { class: `verdict ${verdict.verdict}`, dataset: { source: verdict.source }, title: verdict.reason ?? decidedBy }, verdict.label),
    ...(verdict.hint === null ? [] : [h('span', { class: 'verdict-hint' }, verdict.hint)]),
  ];
}
