// One trace: the root-cause summary, the latency split, the error origin and the waterfall.

import { getJson } from './api.js';
import { categoryColour, el, ms } from './format.js';
import { renderWaterfall } from './waterfall.js';

export async function showTrace(traceId) {
  const title = document.getElementById('trace-title');
  title.textContent = 'Trace ' + traceId;
  document.getElementById('summary').textContent = 'Loading…';
  for (const id of ['split', 'waterfall', 'warnings']) document.getElementById(id).replaceChildren();
  document.getElementById('error-origin').hidden = true;
  try {
    const [trace, analysis] = await Promise.all([
      getJson('/api/v1/traces/' + encodeURIComponent(traceId)),
      getJson('/api/v1/traces/' + encodeURIComponent(traceId) + '/analysis'),
    ]);
    title.replaceChildren('Trace ' + trace.traceId, ' ', sessionLink(trace));
    document.getElementById('summary').textContent = analysis.summary;
    renderSplit(document.getElementById('split'), analysis);
    renderOrigin(document.getElementById('error-origin'), analysis.errorOrigin);
    document.getElementById('skew').textContent = 'Clock skew: ' + skewText(analysis.clockSkew) + '.';
    document.getElementById('warnings').replaceChildren(...analysis.warnings.map((w) => el('li', {}, w)));
    renderWaterfall(document.getElementById('waterfall'), trace, analysis);
  } catch (error) {
    document.getElementById('summary').textContent = error.message;
  }
}

function sessionLink(trace) {
  const resource = trace.rum.resources.find((r) => r.sessionId);
  if (!resource) return '';
  return el('a', { class: 'session-link', 'data-testid': 'session-link',
    href: `#/session/${encodeURIComponent(resource.appId)}/${encodeURIComponent(resource.sessionId)}` },
  'session ' + resource.sessionId);
}

function renderSplit(container, analysis) {
  const bar = el('div', { class: 'split-bar' }, analysis.latencySplit.map((part) => el('span', {
    style: `width:${part.percent}%;background:${categoryColour(part.category, part.name)}`,
    title: `${part.name}: ${ms(part.ms)}`,
  })));
  const legend = el('ul', { class: 'split-legend' }, analysis.latencySplit.map((part) => el('li', {
    'data-testid': 'split-part', 'data-category': part.category,
  },
  el('span', { class: 'swatch', style: `background:${categoryColour(part.category, part.name)}` }),
  `${part.name} ${ms(part.ms)} (${part.percent} %)`)));
  container.replaceChildren(bar, legend);
}

function renderOrigin(container, origin) {
  if (!origin) {
    container.hidden = true;
    return;
  }
  const exception = origin.exception;
  // replaceChildren would print a null as the text "null": absent parts are filtered out.
  container.replaceChildren(...[
    el('h2', {}, 'Error origin'),
    el('p', {}, el('strong', {}, origin.service), ' · ', origin.name,
      exception ? ` — ${exception.type}: ${exception.message}` : origin.message ? ` — ${origin.message}` : ''),
    origin.chain.length ? el('p', { class: 'chain' }, 'Above it: ',
      origin.chain.map((link) => `${link.service} · ${link.name}`).join(' → ')) : null,
    exception && exception.stacktrace ? el('details', {}, el('summary', {}, 'stack trace'),
      el('pre', {}, exception.stacktrace)) : null].filter((child) => child !== null));
  container.hidden = false;
}

// The measured offsets, so an engineer sees what was moved and by how much, not only that it was.
function skewText(skew) {
  if (!skew.corrections.length) return skew.note;
  return skew.corrections.map((c) => `${c.from} shifted by ${c.offsetMs} ms onto ${c.to}`).join('; ');
}
