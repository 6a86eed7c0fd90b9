// The app picker of the propagation-health dashboard: the apps the engine has decided verdicts for in the
// chosen range (GET /api/v1/propagation-health/apps), so an app is picked rather than remembered. Typing
// one still works: the text field suggests the same apps, after the few this browser looked at lately.

import { getJson } from './api.js';
import { el } from './format.js';

// The apps this browser looked at, newest first: a team looks at the same few, even when they had no
// verdict in the range the picker lists.
const APPS_KEY = 'tracebridge.health.apps';
const REMEMBERED_APPS = 8;
// The apps the engine listed for the range shown last.
let listed = [];

/**
 * Lists the apps with verdicts since `startIso` in the picker and the text field's suggestions. Never
 * throws: a list the engine refuses leaves the picker disabled, saying why, and typing still works.
 */
export async function showAppPicker(form, startIso, current, rangeWords) {
  const picker = form.elements.picked;
  picker.disabled = true;
  picker.replaceChildren(el('option', { value: '' }, 'Loading apps…'));
  listed = [];
  try {
    const answer = await getJson('/api/v1/propagation-health/apps?' + new URLSearchParams({ start: startIso }));
    const apps = answer.apps;
    listed = apps;
    const note = answer.partial ? ' (the oldest hours were not read)' : '';
    const placeholder = apps.length === 0
      ? `No app has verdicts in the last ${rangeWords}`
      : `${apps.length} app${apps.length === 1 ? '' : 's'} with verdicts in the last ${rangeWords}${note}`;
    picker.replaceChildren(el('option', { value: '' }, placeholder),
      ...apps.map((app) => el('option', { value: app }, app)));
    picker.value = apps.includes(current) ? current : '';
    picker.disabled = apps.length === 0;
  } catch (error) {
    picker.replaceChildren(el('option', { value: '' }, 'Apps not listed: ' + error.message));
  }
  suggestApps();
}

/** Picking an app shows its report at once, in the range the form shows. */
export function wireAppPicker(form) {
  form.elements.picked.addEventListener('change', () => {
    if (!form.elements.picked.value) return;
    form.elements.app.value = form.elements.picked.value;
    form.requestSubmit();
  });
}

export function rememberApp(app) {
  const apps = [app, ...knownApps().filter((a) => a !== app)].slice(0, REMEMBERED_APPS);
  try {
    localStorage.setItem(APPS_KEY, JSON.stringify(apps));
  } catch (e) {
    // A browser that refuses storage still shows the report; it only forgets the app.
  }
  suggestApps();
}

/** The app this browser looked at last, or '' when none. */
export function lastApp() {
  return knownApps()[0] || '';
}

function knownApps() {
  try {
    const apps = JSON.parse(localStorage.getItem(APPS_KEY) || '[]');
    return Array.isArray(apps) ? apps.filter((a) => typeof a === 'string') : [];
  } catch (e) {
    return [];
  }
}

/** The text field's suggestions: the apps looked at lately, newest first, then the others listed. */
function suggestApps() {
  const remembered = knownApps();
  const suggested = [...remembered, ...listed.filter((app) => !remembered.includes(app))];
  document.getElementById('known-apps').replaceChildren(...suggested.map((app) => el('option', { value: app })));
}
