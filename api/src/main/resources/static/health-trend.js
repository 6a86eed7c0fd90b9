// The per-hour trend of the propagation-health dashboard: for each hour of the range, the requests decided
// in it, one bar stacked by verdict, so a change (a deploy that broke CORS at 14:00) shows as a change of
// colour. Plain DOM and CSS: one column per hour, its bar as tall as the hour's requests against the
// busiest hour's; hovering a column shows its numbers.

import { el } from './format.js';
import { LINKED, worstFirst } from './verdicts.js';

// The API reports hours in epoch nanoseconds; JSON numbers this large are exact to ~256 ns, which is
// plenty to tell hours apart.
const NANOS_PER_HOUR = 3_600_000_000_000;
const MS_PER_HOUR = 3_600_000;
// Above this many columns the counts over the bars would overlap; each column's title still has them.
const MAX_COUNTED_COLUMNS = 48;
// At most about this many hour labels under the bars, whatever the range, so they never overlap.
const MAX_AXIS_LABELS = 12;
// Label every n-th hour, n the first of these that keeps the labels under the maximum: 3 h for a day,
// a day for a week, 3 days for 31 days.
const LABEL_STEPS = [1, 2, 3, 6, 12, 24, 48, 72, 168];

/**
 * One entry per hour from the range's start hour through its end hour: its start (epoch ms), the
 * requests decided in it and their verdicts, with hours that had none as empty entries.
 */
export function trendHours(counts, startEpochNanos, endEpochNanos) {
  const first = Math.floor(startEpochNanos / NANOS_PER_HOUR);
  const last = Math.floor(endEpochNanos / NANOS_PER_HOUR);
  const hours = [];
  for (let hour = first; hour <= last; hour++) {
    hours.push({ hour, startMs: hour * MS_PER_HOUR, total: 0, verdicts: new Map() });
  }
  for (const c of counts) {
    const entry = hours[Math.round(c.hourStartEpochNanos / NANOS_PER_HOUR) - first];
    if (!entry) continue;
    entry.total += c.count;
    entry.verdicts.set(c.verdict, (entry.verdicts.get(c.verdict) || 0) + c.count);
  }
  return hours;
}

/** Draws the trend of `report` into `container`, verdicts in the order of the legend, linked at the bottom. */
export function renderTrend(container, report, totals) {
  const hours = trendHours(report.counts, report.startEpochNanos, report.endEpochNanos);
  const order = [...totals.keys()].includes(LINKED) ? [LINKED] : [];
  order.push(...worstFirst(totals).filter((v) => v !== LINKED));
  const busiest = Math.max(1, ...hours.map((h) => h.total));
  const counted = hours.length <= MAX_COUNTED_COLUMNS;
  const step = LABEL_STEPS.find((s) => hours.length / s <= MAX_AXIS_LABELS) || LABEL_STEPS[LABEL_STEPS.length - 1];
  container.replaceChildren(
    el('h2', {}, 'Requests per hour (UTC)'),
    el('p', { class: 'trend-legend' }, order.map((v) => el('span', { class: 'verdict ' + v,
      'data-testid': 'trend-legend-item', 'data-verdict': v }, v))),
    el('div', { class: 'trend-chart' + (counted ? '' : ' dense'), 'data-testid': 'trend-chart', role: 'img',
      'aria-label': `Requests per hour over ${hours.length} hours; the busiest hour had ${busiest}` },
    hours.map((h) => column(h, order, busiest, counted))),
    el('div', { class: 'trend-axis' }, hours.map((h, i) => (h.hour % step === 0
      ? el('span', { 'data-testid': 'trend-axis-label', style: `left:${(100 * (i + 0.5)) / hours.length}%` },
        hourLabel(h.startMs, step))
      : null))));
  container.hidden = false;
}

function column(h, order, busiest, counted) {
  const attributes = { class: 'trend-column', 'data-testid': 'trend-hour',
    'data-hour-start': new Date(h.startMs).toISOString(), 'data-total': h.total, title: hourTitle(h, order) };
  if (h.total === 0) return el('div', attributes);
  return el('div', attributes,
    el('div', { class: 'trend-bar', style: `height:${(100 * h.total) / busiest}%` },
      counted ? el('span', { class: 'trend-count', 'data-testid': 'trend-count' }, h.total) : null,
      order.filter((v) => h.verdicts.has(v)).map((v) => el('span', { class: 'trend-segment ' + v,
        'data-testid': 'trend-segment', 'data-verdict': v, 'data-count': h.verdicts.get(v),
        style: `flex:${h.verdicts.get(v)} 0 0` }))));
}

/** What hovering a column says: "2025-11-26 14:00–15:00 UTC: 4 requests: 2 linked, 1 cors_blocked". */
export function hourTitle(h, order) {
  const start = new Date(h.startMs).toISOString();
  const end = new Date(h.startMs + MS_PER_HOUR).toISOString();
  const when = `${start.slice(0, 10)} ${start.slice(11, 16)}–${end.slice(11, 16)} UTC`;
  if (h.total === 0) return `${when}: no request decided`;
  const parts = order.filter((v) => h.verdicts.has(v)).map((v) => `${h.verdicts.get(v)} ${v}`);
  return `${when}: ${h.total} request${h.total === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** "14:00", or the date ("Nov 26") where a day starts or labels are a day apart or more. */
function hourLabel(startMs, step) {
  const date = new Date(startMs);
  if (step < 24 && date.getUTCHours() !== 0) return date.toISOString().slice(11, 16);
  return date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}
