// The front-to-back waterfall: browser requests cut into their phases, the backend spans they started
// nested under them, all on one time axis; the critical path drawn on top and marked on every bar it
// runs through; the error origin flagged.

import { categoryColour, el, ms, serviceColour } from './format.js';

const TICK_STEPS = [1, 2, 5];
const WANTED_TICKS = 6;
/** A tick label this close to the right edge would run off the lane. */
const LAST_TICK_FRACTION = 0.95;

export function renderWaterfall(container, trace, analysis) {
  const axis = timeAxis(trace, analysis);
  const critical = new Set(analysis.criticalPath.map((s) => s.id));
  const originId = analysis.errorOrigin ? analysis.errorOrigin.id : null;
  const rows = [ticksRow(axis), criticalPathRow(axis, analysis)];
  const spansById = new Map(trace.spans.map((s) => [s.spanId, s]));
  const children = new Map();
  for (const span of trace.spans) {
    if (!span.parentSpanId) continue;
    if (!children.has(span.parentSpanId)) children.set(span.parentSpanId, []);
    children.get(span.parentSpanId).push(span);
  }
  const linkedTo = new Map();
  for (const link of trace.links) {
    if (!linkedTo.has(link.resourceEventId)) linkedTo.set(link.resourceEventId, []);
    const span = spansById.get(link.childSpanId);
    if (span) linkedTo.get(link.resourceEventId).push(span);
  }
  const shown = new Set();
  const addSpan = (span, depth) => {
    if (shown.has(span.spanId)) return;
    shown.add(span.spanId);
    rows.push(spanRow(axis, span, depth, critical.has(span.spanId), span.spanId === originId));
    for (const child of children.get(span.spanId) || []) addSpan(child, depth + 1);
  };
  for (const resource of trace.rum.resources) {
    const phases = analysis.browserPhases.filter((p) => p.resourceEventId === resource.eventId);
    rows.push(resourceRow(axis, resource, phases, critical, resource.eventId === originId));
    for (const span of linkedTo.get(resource.eventId) || []) addSpan(span, 1);
  }
  for (const span of trace.spans) {
    if (!span.parentSpanId || !spansById.has(span.parentSpanId)) addSpan(span, 0);
  }
  for (const span of trace.spans) addSpan(span, 0);
  container.replaceChildren(...rows);
}

function timeAxis(trace, analysis) {
  let start = analysis.startEpochNanos;
  let end = analysis.startEpochNanos + analysis.totalMs * 1e6;
  for (const s of trace.spans) {
    start = Math.min(start, s.startEpochNanos);
    end = Math.max(end, s.endEpochNanos);
  }
  for (const r of trace.rum.resources) {
    start = Math.min(start, r.startEpochNanos);
    end = Math.max(end, r.startEpochNanos + r.durationNanos);
  }
  return { start, length: Math.max(1, end - start) };
}

function position(axis, startNanos, durationNanos) {
  const left = ((startNanos - axis.start) / axis.length) * 100;
  const width = Math.max(0.15, (durationNanos / axis.length) * 100);
  return `left:${left.toFixed(3)}%;width:${Math.min(width, 100 - left).toFixed(3)}%`;
}

function ticksRow(axis) {
  const lengthMs = axis.length / 1e6;
  const raw = lengthMs / WANTED_TICKS;
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = TICK_STEPS.map((s) => s * magnitude).find((s) => s >= raw) || 10 * magnitude;
  const ticks = [];
  for (let t = 0; t <= lengthMs * LAST_TICK_FRACTION; t += step) {
    ticks.push(el('span', { class: 'tick', style: `left:${(t / lengthMs) * 100}%` }, ms(t)));
  }
  return el('div', { class: 'row axis' }, el('div', { class: 'label' }, ''), el('div', { class: 'lane' }, ticks));
}

function criticalPathRow(axis, analysis) {
  const segments = analysis.criticalPath.map((step) => el('span', {
    class: 'segment', 'data-testid': 'critical-step', 'data-category': step.category,
    style: position(axis, step.startEpochNanos, step.durationMs * 1e6)
      + `;background:${categoryColour(step.category, step.service)}`,
    title: `${step.service} · ${step.name}: ${ms(step.durationMs)} (${step.percent} %)`,
  }));
  return el('div', { class: 'row critical-path', 'data-testid': 'critical-path-row' },
    el('div', { class: 'label' }, el('strong', {}, 'critical path'), ' ', ms(analysis.totalMs)),
    el('div', { class: 'lane' }, segments));
}

function resourceRow(axis, resource, phases, critical, isOrigin) {
  const bars = phases.map((p) => el('span', {
    class: 'phase' + (critical.has(resource.eventId + ':' + p.name) ? ' critical' : ''),
    'data-phase': p.name,
    style: position(axis, p.startEpochNanos, p.durationMs * 1e6) + `;background:${categoryColour(p.category, '')}`,
    title: `${p.name}: ${ms(p.durationMs)}`,
  }));
  const failed = resource.statusCode === 0 || resource.statusCode >= 500;
  return el('div', {
    class: 'row resource' + (isOrigin ? ' origin' : ''), 'data-testid': 'waterfall-row', 'data-kind': 'resource',
    'data-id': resource.eventId, 'data-error-origin': isOrigin ? 'true' : null,
  },
  el('div', { class: 'label', title: resource.url },
    el('span', { class: 'service browser' }, 'browser:' + resource.appId), ' ',
    `${resource.method} ${resource.url}`, ' ',
    el('span', { class: 'status' + (failed ? ' failed' : '') }, String(resource.statusCode)),
    isOrigin ? el('span', { class: 'badge error' }, 'error origin') : null),
  el('div', { class: 'lane' }, bars,
    el('span', { class: 'duration', style: position(axis, resource.startEpochNanos, resource.durationNanos) },
      ms(resource.durationNanos / 1e6))));
}

function spanRow(axis, span, depth, onPath, isOrigin) {
  const failed = span.status.code === 'ERROR';
  return el('div', {
    class: 'row span' + (onPath ? ' on-path' : '') + (isOrigin ? ' origin' : ''),
    'data-testid': 'waterfall-row', 'data-kind': 'span', 'data-id': span.spanId,
    'data-critical': onPath ? 'true' : null, 'data-error-origin': isOrigin ? 'true' : null,
  },
  el('div', { class: 'label', style: `padding-left:${0.4 + depth * 1.1}rem`, title: span.name },
    el('span', { class: 'service', style: `color:${serviceColour(span.service)}` }, span.service), ' ',
    span.name, failed ? el('span', { class: 'status failed' }, '✖') : null,
    isOrigin ? el('span', { class: 'badge error' }, 'error origin') : null),
  el('div', { class: 'lane' }, el('span', {
    class: 'bar' + (onPath ? ' critical' : '') + (failed ? ' failed' : ''),
    style: position(axis, span.startEpochNanos, span.durationNanos) + `;background:${serviceColour(span.service)}`,
    title: `${span.service} · ${span.name}: ${ms(span.durationNanos / 1e6)}`,
  }, ms(span.durationNanos / 1e6))));
}
