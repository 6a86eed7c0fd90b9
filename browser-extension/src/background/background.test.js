import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBackground } from './background.js';
import { MAX_ROWS_PER_TAB } from './tab-state.js';
import { countingBytes, fakeChrome, fakeTimers, settle } from '../testing/fakes.js';

const APP = 'http://127.0.0.1:3000';
const API = 'http://127.0.0.1:3001';
const SETTINGS = {
  endpoint: 'http://127.0.0.1:4318', appName: 'shop', testSession: 'run-9',
  origins: [{ origin: APP, formats: ['w3c'] }, { origin: API, formats: ['w3c', 'b3'], dnr: true }],
};

function setUp(settings = SETTINGS) {
  const chrome = fakeChrome(settings);
  const timers = fakeTimers();
  /** @type {{url: string, body: any[]}[]} */
  const posted = [];
  const background = createBackground({
    chrome, timers, now: timers.now, random: () => 0.5, randomBytes: countingBytes(),
    fetch: /** @type {any} */ (async (/** @type {string} */ url, /** @type {any} */ init) => {
      posted.push({ url, body: JSON.parse(init.body) });
      return { status: 202, headers: { get: () => null } };
    }),
  });
  background.listen();
  /** Sends a message as chrome.runtime would and resolves with the reply. */
  const message = (/** @type {any} */ m, /** @type {any} */ sender) => new Promise((resolve) => {
    chrome.runtime.onMessage.emit(m, sender, resolve);
  });
  const fromTab = (/** @type {number} */ tabId, url = `${APP}/shop`) => ({ tab: { id: tabId }, frameId: 0, id: 'ext-id', url });
  const resource = (/** @type {string} */ id, /** @type {string} */ viewId, headers = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }) => ({
    event: { type: 'resource', id, date: 1, view: { id: viewId, url: `${APP}/shop` },
      resource: { type: 'fetch', url: `${API}/x`, method: 'GET', status_code: 200, duration_ms: 5 }, trace: { headers } },
    meta: { mode: 'injected' },
  });
  return { chrome, timers, posted, background, message, fromTab, resource };
}

describe('service worker', () => {
  it('helloFromAllowListedPage_answersItsConfig', async () => {
    const { message, fromTab } = setUp();
    const answer = /** @type {any} */ (await message({ type: 'tb.hello', url: `${APP}/shop` }, fromTab(7)));
    assert.equal(answer.enabled, true);
    assert.match(answer.config.viewId, /^[0-9a-f-]{36}$/);
    assert.equal(answer.config.sampled, true);
    assert.deepEqual(answer.config.origins.map((/** @type {any} */ o) => o.origin), [APP, API]);
    assert.deepEqual(Object.keys(answer.config.dnrHeaders), [API]);
  });

  it('helloFromAnotherPortOfTheHost_isDisabled', async () => {
    const { message, fromTab } = setUp();
    assert.deepEqual(await message({ type: 'tb.hello', url: 'http://127.0.0.1:9999/' }, fromTab(7, 'http://127.0.0.1:9999/')), { enabled: false });
  });

  it('helloWhileSwitchedOff_isDisabled', async () => {
    const { message, fromTab } = setUp({ ...SETTINGS, enabled: false });
    assert.deepEqual(await message({ type: 'tb.hello', url: `${APP}/` }, fromTab(7)), { enabled: false });
  });

  it('events_areSentEnrichedToTheIntakeOnFlush', async () => {
    const { message, fromTab, resource, posted } = setUp();
    const { config } = /** @type {any} */ (await message({ type: 'tb.hello', url: `${APP}/shop` }, fromTab(7)));
    await message({ type: 'tb.events', envelopes: [resource('r1', config.viewId)], flush: true }, fromTab(7));
    await settle();
    assert.equal(posted[0].url, 'http://127.0.0.1:4318/v1/rum');
    const [event] = posted[0].body;
    assert.equal(event.id, 'r1');
    assert.deepEqual(event.app, { id: 'shop' });
    assert.deepEqual(event.labels, { test_session: 'run-9' });
    assert.match(event.session.id, /^[0-9a-f-]{36}$/);
    assert.equal(event.meta, undefined, 'what the page tells the panel is not sent');
  });

  it('secondPageInTheTab_keepsTheSessionAndListsOnlyItsOwnRequests', async () => {
    const { message, fromTab, resource, background } = setUp();
    const first = /** @type {any} */ (await message({ type: 'tb.hello', url: `${APP}/a` }, fromTab(7)));
    const second = /** @type {any} */ (await message({ type: 'tb.hello', url: `${APP}/b` }, fromTab(7)));
    assert.notEqual(first.config.viewId, second.config.viewId);
    await message({ type: 'tb.events', envelopes: [resource('late-from-a', first.config.viewId), resource('b1', second.config.viewId)] }, fromTab(7));
    const { tab } = await background.snapshot(7);
    assert.deepEqual(tab?.rows.map((r) => [r.eventId, r.traceId, r.mode]), [['b1', '0af7651916cd43dd8448eb211c80319c', 'injected']]);
    const other = /** @type {any} */ (await message({ type: 'tb.hello', url: `${APP}/a` }, fromTab(8)));
    assert.notEqual((await background.snapshot(8)).tab?.sessionId, tab?.sessionId, 'a session per tab');
    assert.ok(other.enabled);
  });

  it('manyConcurrentEventMessages_noRowIsLost', async () => {
    const { message, fromTab, resource, background } = setUp();
    const { config } = /** @type {any} */ (await message({ type: 'tb.hello', url: `${APP}/` }, fromTab(7)));
    const count = 40;
    await Promise.all(Array.from({ length: count }, (_, i) => message({ type: 'tb.events', envelopes: [resource(`r${i}`, config.viewId)] }, fromTab(7))));
    assert.equal((await background.snapshot(7)).tab?.rows.length, count);
  });

  it('rowsOfABusyPage_areBounded', async () => {
    const { message, fromTab, resource, background } = setUp();
    const { config } = /** @type {any} */ (await message({ type: 'tb.hello', url: `${APP}/` }, fromTab(7)));
    const envelopes = Array.from({ length: MAX_ROWS_PER_TAB + 5 }, (_, i) => resource(`r${i}`, config.viewId));
    await message({ type: 'tb.events', envelopes }, fromTab(7));
    const rows = (await background.snapshot(7)).tab?.rows ?? [];
    assert.equal(rows.length, MAX_ROWS_PER_TAB);
    assert.equal(rows[0].eventId, 'r5');
  });

  it('dnrOrigin_getsASessionRuleForTheTabWithTheViewsHeaders', async () => {
    const { chrome, message, fromTab } = setUp();
    const { config } = /** @type {any} */ (await message({ type: 'tb.hello', url: `${APP}/` }, fromTab(7)));
    const [rule] = chrome.declarativeNetRequest.rules();
    assert.deepEqual(rule.condition, { tabIds: [7], regexFilter: '^http://127\\.0\\.0\\.1:3001/', resourceTypes: ['xmlhttprequest'] });
    assert.deepEqual(rule.action.requestHeaders, Object.entries(config.dnrHeaders[API]).map(([header, value]) => ({ header, operation: 'set', value })));
    assert.deepEqual(rule.action.requestHeaders.map((/** @type {any} */ h) => h.header), ['traceparent', 'b3']);

    await message({ type: 'tb.hello', url: `${APP}/next` }, fromTab(7));
    assert.equal(chrome.declarativeNetRequest.rules().length, 1, 'the next view replaces the rule');
    assert.notEqual(chrome.declarativeNetRequest.rules()[0].id, rule.id);

    await Promise.all(chrome.tabs.onRemoved.emit(7));
    await settle();
    assert.deepEqual(chrome.declarativeNetRequest.rules(), []);
  });

  it('settingsChange_reRegistersTheContentScriptsForTheOrigins', async () => {
    const { chrome, background } = setUp();
    await background.applySettings();
    assert.deepEqual(chrome.scripting.registered().map((/** @type {any} */ s) => [s.id, s.world, s.runAt, s.matches]), [
      ['tracebridge-page', 'MAIN', 'document_start', ['http://127.0.0.1:3000/*', 'http://127.0.0.1:3001/*']],
      ['tracebridge-relay', 'ISOLATED', 'document_start', ['http://127.0.0.1:3000/*', 'http://127.0.0.1:3001/*']],
    ]);
    const problems = await background.configure({ ...SETTINGS, enabled: false });
    assert.deepEqual(problems, []);
    assert.deepEqual(chrome.scripting.registered(), []);
  });

  it('snapshotAskedByAPage_isRefused', async () => {
    const { message, fromTab } = setUp();
    assert.equal(await message({ type: 'tb.snapshot', tabId: 7 }, fromTab(7)), undefined);
    const fromPopup = { id: 'ext-id', url: 'chrome-extension://ext-id/popup.html' };
    const snapshot = /** @type {any} */ (await message({ type: 'tb.snapshot', tabId: 7 }, fromPopup));
    assert.equal(snapshot.settings.appName, 'shop');
    assert.equal(snapshot.stats.queued, 0);
  });
});
