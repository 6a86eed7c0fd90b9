// The trace search: the form, its URL (so a search can be bookmarked and shared), and the results.

import { getJson } from './api.js';
import { clock, el, ms } from './format.js';

const FIELDS = ['service', 'operation', 'app', 'session', 'view', 'url', 'minDuration'];
const LOOKBACK_HOURS = { '15m': 0.25, '1h': 1, '6h': 6, '24h': 24, '168h': 168 };

export function wireSearchForm(navigate) {
  const form = document.getElementById('search-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate('#/search?' + formQuery(form).toString());
  });
  document.getElementById('open-session').addEventListener('click', () => {
    const app = form.elements.app.value.trim();
    const session = form.elements.session.value.trim();
    if (app && session) navigate(`#/session/${encodeURIComponent(app)}/${encodeURIComponent(session)}`);
    else status('Give an app and a session to open its timeline.');
  });
}

function formQuery(form) {
  const query = new URLSearchParams();
  for (const name of FIELDS) {
    const value = form.elements[name].value.trim();
    if (value) query.set(name, value);
  }
  if (form.elements.error.checked) query.set('error', 'true');
  query.set('lookback', form.elements.lookback.value);
  return query;
}

/** Runs the search the URL describes and shows a page of results. */
export async function showSearch(params, navigate) {
  const form = document.getElementById('search-form');
  for (const name of FIELDS) form.elements[name].value = params.get(name) || '';
  form.elements.error.checked = params.get('error') === 'true';
  const lookback = params.get('lookback') || '1h';
  form.elements.lookback.value = lookback;
  const table = document.getElementById('results');
  const next = document.getElementById('next-page');
  if (![...params.keys()].some((k) => FIELDS.includes(k))) {
    table.hidden = true;
    next.hidden = true;
    status('Search by service, or by an app with its session, view or URL.');
    return;
  }
  const query = new URLSearchParams();
  for (const name of FIELDS) if (params.get(name)) query.set(name, params.get(name));
  if (params.get('error')) query.set('error', 'true');
  const hours = LOOKBACK_HOURS[lookback] || 1;
  if (!query.get('session') && !query.get('view')) {
    query.set('start', new Date(Date.now() - hours * 3600_000).toISOString());
  }
  if (params.get('pageToken')) query.set('pageToken', params.get('pageToken'));
  status('Searching…');
  try {
    const page = await getJson('/api/v1/traces?' + query.toString());
    renderRows(table.querySelector('tbody'), page.traces);
    table.hidden = page.traces.length === 0;
    status(page.traces.length === 0 ? 'No trace matches.'
      : `${page.traces.length} trace${page.traces.length === 1 ? '' : 's'}`
        + (page.partial ? ' (the store stopped at its scan budget: more may match)' : ''));
    next.hidden = !page.nextPageToken;
    next.onclick = () => {
      params.set('pageToken', page.nextPageToken);
      navigate('#/search?' + params.toString());
    };
  } catch (error) {
    table.hidden = true;
    next.hidden = true;
    status(error.message, true);
  }
}

export function renderRows(tbody, traces) {
  tbody.replaceChildren(...traces.map((t) => el('tr', { 'data-testid': 'search-result', 'data-trace-id': t.traceId,
    class: t.error ? 'failed' : null },
  el('td', {}, clock(t.startEpochNanos)),
  el('td', {}, el('a', { href: '#/trace/' + t.traceId }, `${t.rootService} · ${t.rootName}`)),
  el('td', { class: 'num' }, ms(t.durationMs)),
  el('td', { class: 'num' }, t.spanCount),
  el('td', { class: 'num' }, t.resourceCount),
  el('td', {}, t.error ? el('span', { class: 'badge error' }, 'error') : ''))));
}

function status(text, isError = false) {
  const node = document.getElementById('search-status');
  node.textContent = text;
  node.classList.toggle('problem', isError);
}
