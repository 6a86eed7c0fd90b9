/**
 * The options page: edits `chrome.storage.local["settings"]`. The service worker notices the change
 * and re-registers the content scripts; this page only shows what validation found.
 */
import { DEFAULT_SETTINGS, SETTINGS_KEY, normaliseSettings } from '../domain/settings.js';
import { HEADER_FORMATS } from '../domain/trace-headers.js';
import { h } from './dom.js';

const FORMAT_LABELS = Object.freeze({
  w3c: 'W3C traceparent',
  b3: 'B3 single',
  b3multi: 'B3 multi',
  jaeger: 'Jaeger uber-trace-id',
  datadog: 'Datadog x-datadog-*',
});

/** @param {Document} doc @param {any} chrome */
export async function startOptionsPage(doc, chrome) {
  const form = /** @type {HTMLFormElement} */ (doc.getElementById('settings'));
  const originRows = /** @type {HTMLElement} */ (doc.getElementById('origins'));
  const status = /** @type {HTMLElement} */ (doc.getElementById('status'));
  const field = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));

  const stored = (await chrome.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  const { settings } = normaliseSettings(stored ?? DEFAULT_SETTINGS);
  field('enabled').checked = settings.enabled;
  field('endpoint').value = settings.endpoint;
  field('apiBase').value = settings.apiBase;
  field('appName').value = settings.appName;
  field('testSession').value = settings.testSession;
  field('samplePercent').value = String(Math.round(settings.sampleRate * 1000) / 10);
  settings.origins.forEach((rule) => originRows.append(originRow(rule)));

  doc.getElementById('add-origin')?.addEventListener('click', () =>
    originRows.append(originRow({ origin: '', formats: ['w3c'], dnr: false })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const raw = {
      enabled: field('enabled').checked,
      endpoint: field('endpoint').value.trim(),
      apiBase: field('apiBase').value.trim(),
      appName: field('appName').value.trim(),
      testSession: field('testSession').value.trim(),
      sampleRate: Number(field('samplePercent').value) / 100,
      origins: [...originRows.querySelectorAll('.origin-row')]
        .map((row) => ({
          origin: /** @type {HTMLInputElement} */ (row.querySelector('[name=origin]')).value.trim(),
          formats: [...row.querySelectorAll('[name=format]:checked')].map((box) => /** @type {HTMLInputElement} */ (box).value),
          dnr: /** @type {HTMLInputElement} */ (row.querySelector('[name=dnr]')).checked,
        }))
        .filter((rule) => rule.origin !== ''),
    };
    const { problems } = normaliseSettings(raw);
    await chrome.storage.local.set({ [SETTINGS_KEY]: raw });
    status.replaceChildren(
      h('p', { class: problems.length === 0 ? 'ok' : 'warn' }, problems.length === 0 ? 'Saved.' : 'Saved, with problems (the parts named are ignored):'),
      ...(problems.length === 0 ? [] : [h('ul', {}, ...problems.map((p) => h('li', {}, p)))]));
  });
}

/** @param {{origin: string, formats: string[], dnr: boolean}} rule */
function originRow(rule) {
  const row = h('div', { class: 'origin-row' },
    h('input', { name: 'origin', value: rule.origin, placeholder: 'http://127.0.0.1:3000', size: 36, 'aria-label': 'Origin' }),
    h('span', { class: 'formats' }, ...HEADER_FORMATS.map((format) =>
      h('label', {}, h('input', { type: 'checkbox', name: 'format', value: format, checked: rule.formats.includes(format) }),
        ' ', FORMAT_LABELS[/** @type {keyof typeof FORMAT_LABELS} */ (format)]))),
    h('label', { title: 'The browser adds one trace context per page view: no CORS preflight, no per-request ids' },
      h('input', { type: 'checkbox', name: 'dnr', checked: rule.dnr }), ' declarativeNetRequest mode'),
    h('button', { type: 'button', class: 'remove', onclick: () => row.remove() }, 'Remove'));
  return row;
}
