// The viewer's entry: routes the URL's hash to a view, and asks for the API token when the engine wants one.
//   #/                         search form
//   #/search?service=...       search results
//   #/trace/<traceId>          one trace
//   #/session/<app>/<session>  a session's timeline
//   #/health?app=...&range=24h the propagation-health dashboard of an app

import { onUnauthorized, setToken } from './api.js';
import { showHealth, wireHealthForm } from './health.js';
import { showSearch, wireSearchForm } from './search.js';
import { showSession } from './session.js';
import { showTrace } from './trace.js';

const VIEWS = ['search-view', 'trace-view', 'session-view', 'health-view'];

function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function show(view) {
  for (const id of VIEWS) document.getElementById(id).hidden = id !== view;
  // The health dashboard is a place of its own; every other view starts from the search.
  const section = view === 'health-view' ? 'health' : 'search';
  for (const link of document.querySelectorAll('header nav a')) {
    link.classList.toggle('current', link.dataset.nav === section);
  }
}

async function route() {
  const hash = location.hash || '#/';
  if (hash.startsWith('#/trace/')) {
    show('trace-view');
    await showTrace(decodeURIComponent(hash.slice('#/trace/'.length)));
  } else if (hash.startsWith('#/session/')) {
    show('session-view');
    const [app, session] = hash.slice('#/session/'.length).split('/').map(decodeURIComponent);
    await showSession(app, session);
  } else if (hash === '#/health' || hash.startsWith('#/health?')) {
    show('health-view');
    await showHealth(new URLSearchParams(hash.slice('#/health'.length).replace(/^\?/, '')));
  } else {
    show('search-view');
    const query = hash.startsWith('#/search?') ? hash.slice('#/search?'.length) : '';
    await showSearch(new URLSearchParams(query), navigate);
  }
  // Which address the page shows, once it shows the engine's answer: lets a test (or a script) wait
  // for exactly that view, even while the browser is still announcing the hash change.
  document.body.dataset.shown = hash;
}

function askForToken() {
  const form = document.getElementById('token-form');
  form.hidden = false;
  form.onsubmit = (event) => {
    event.preventDefault();
    setToken(document.getElementById('token').value.trim());
    form.hidden = true;
    route();
  };
}

onUnauthorized(askForToken);
wireSearchForm(navigate);
wireHealthForm(navigate);
window.addEventListener('hashchange', route);
route();
