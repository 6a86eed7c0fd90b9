// A RUM session as it happened: its events in time order, each traced request linked to its trace.

import { getJson } from './api.js';
import { renderRows } from './search.js';
import { el, ms } from './format.js';

export async function showSession(app, sessionId) {
  const title = document.getElementById('session-title');
  const list = document.getElementById('session-events');
  title.textContent = `Session ${sessionId} of ${app}`;
  list.replaceChildren(el('li', {}, 'Loading…'));
  try {
    const session = await getJson(`/api/v1/sessions/${encodeURIComponent(app)}/${encodeURIComponent(sessionId)}`);
    const first = session.events.length ? session.events[0].epochNanos : 0;
    list.replaceChildren(...session.events.map((e) => el('li', { 'data-testid': 'session-event', 'data-type': e.type,
      class: 'event ' + e.type },
    el('span', { class: 'at' }, '+' + ms((e.epochNanos - first) / 1e6)),
    el('span', { class: 'badge ' + e.type }, e.type.replace('_', ' ')),
    e.traceId ? el('a', { href: '#/trace/' + e.traceId }, e.title) : el('span', {}, e.title),
    e.durationNanos ? el('span', { class: 'took' }, ms(e.durationNanos / 1e6)) : null)));
    renderRows(document.querySelector('#session-traces tbody'), session.traces);
  } catch (error) {
    list.replaceChildren(el('li', { class: 'problem' }, error.message));
  }
}
