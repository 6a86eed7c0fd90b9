/**
 * The service worker's wiring: answers pages' hellos with their config, queues their events for the
 * intake, keeps per-tab state for the popup and panel, and keeps the content scripts and dNR rules in
 * line with the settings. Browser APIs come in as `chrome`, so tests pass fakes.
 */
import { SETTINGS_KEY, isActive, normaliseSettings } from '../domain/settings.js';
import { originMatches, parseOriginPattern } from '../domain/origin-pattern.js';
import { enrichEvent } from '../domain/rum-events.js';
import { createSerialStore } from './serial-store.js';
import { createOutbox } from './outbox.js';
import { createIntakeShipper } from './intake-shipper.js';
import { createTabState } from './tab-state.js';
import { registerContentScripts } from './content-script-registration.js';
import { DNR_NEXT_ID_KEY, dnrRules, viewDnrHeaders } from './dnr-rules.js';

export const STATS_KEY = 'stats';
/** Wakes a stopped service worker when a backoff ends; setTimeout alone dies with the worker. */
export const RETRY_ALARM = 'tracebridge-retry';

/**
 * @param {{chrome: any, fetch: typeof fetch, now: () => number, random: () => number,
 *          randomBytes: (n: number) => Uint8Array,
 *          timers: {set: (fn: () => void, ms: number) => any, clear: (handle: any) => void}}} deps
 */
export function createBackground(deps) {
  const { chrome, randomBytes } = deps;
  const store = createSerialStore(chrome.storage.session);
  const outbox = createOutbox({ store });
  const tabs = createTabState({ store, randomBytes, random: deps.random });
  /** @type {Promise<{settings: import('../domain/settings.js').Settings, problems: string[], active: boolean}> | null} */
  let loaded = null;
  /** Settings changes apply one after another, so two quick saves cannot register scripts out of order. */
  let applying = Promise.resolve();

  const shipper = createIntakeShipper({
    outbox,
    endpoint: async () => (await loadSettings()).settings.endpoint,
    fetch: deps.fetch,
    timers: deps.timers,
    now: deps.now,
    random: deps.random,
    onStats: (stats) => void store.set(STATS_KEY, stats).catch(() => undefined),
    onBackoff: (untilMs) => chrome.alarms?.create(RETRY_ALARM, { when: untilMs }),
  });

  // Counters survive the browser stopping an idle worker, so the popup does not fall back to zero.
  void store.get(STATS_KEY).then((saved) => shipper.restoreStats(saved)).catch(() => undefined);

  function loadSettings() {
    loaded ??= chrome.storage.local.get(SETTINGS_KEY).then((/** @type {any} */ stored) => {
      const { settings, problems } = normaliseSettings(stored[SETTINGS_KEY]);
      return { settings, problems, active: isActive(settings, problems) };
    });
    return loaded;
  }

  function applySettings() {
    applying = applying.then(async () => {
      loaded = null;
      const { settings, active } = await loadSettings();
      await registerContentScripts(chrome.scripting, settings.origins, active);
    }).catch(() => undefined);
    return applying;
  }

  /** @param {number} tabId @param {string} url */
  async function hello(tabId, url) {
    const { settings, active } = await loadSettings();
    const pageOrigin = new URL(url).origin;
    const traced = settings.origins.some((o) => {
      const parsed = parseOriginPattern(o.origin);
      return 'pattern' in parsed && originMatches(parsed.pattern, pageOrigin);
    });
    if (!active || !traced) return { enabled: false };
    const state = await tabs.startView(tabId, url, settings.sampleRate);
    const dnrHeaders = viewDnrHeaders(settings.origins, { sampled: state.sampled, randomBytes });
    await applyDnrRules(tabId, state.dnrRuleIds, dnrHeaders);
    return {
      enabled: true,
      config: { enabled: true, viewId: state.viewId, sampled: state.sampled, origins: settings.origins, dnrHeaders },
    };
  }

  /** @param {number} tabId @param {number[]} previous @param {Record<string, Record<string, string>>} headers */
  async function applyDnrRules(tabId, previous, headers) {
    const count = Object.keys(headers).length;
    if (count === 0 && previous.length === 0) return;
    const next = count === 0 ? 1 : await store.update(DNR_NEXT_ID_KEY, (/** @type {number | undefined} */ n) => (n ?? 1) + count);
    const rules = dnrRules(tabId, headers, next - count);
    await chrome.declarativeNetRequest.updateSessionRules({ removeRuleIds: previous, addRules: rules });
    await tabs.setDnrRules(tabId, rules.map((r) => r.id));
  }

  /** @param {number} tabId @param {any[]} envelopes @param {boolean} flush */
  async function events(tabId, envelopes, flush) {
    const { settings } = await loadSettings();
    const state = await tabs.get(tabId);
    if (state !== undefined && envelopes.length > 0) {
      const context = { appName: settings.appName, sessionId: state.sessionId, testSession: settings.testSession };
      await outbox.add(envelopes.map((e) => enrichEvent(e.event, context)));
      await tabs.record(tabId, envelopes);
    }
    if (flush) void shipper.flush();
    else shipper.schedule();
  }

  /** @param {number} tabId */
  async function forgetTab(tabId) {
    const state = await tabs.get(tabId);
    if (state !== undefined && state.dnrRuleIds.length > 0) {
      await chrome.declarativeNetRequest.updateSessionRules({ removeRuleIds: state.dnrRuleIds });
    }
    await tabs.forget(tabId);
  }

  /** @param {number | undefined} tabId what the popup and the panel show */
  async function snapshot(tabId) {
    const { settings, problems, active } = await loadSettings();
    return {
      settings,
      problems,
      active,
      tab: tabId === undefined ? undefined : await tabs.get(tabId),
      stats: { ...shipper.stats(), queued: outbox.size(), dropped: outbox.dropped() },
    };
  }

  /** @param {any} message @param {any} sender */
  async function route(message, sender) {
    const fromExtensionPage = sender.id === chrome.runtime.id
      && String(sender.url ?? '').startsWith(`chrome-extension://${chrome.runtime.id}/`);
    // Content scripts speak for their tab; an extension page opened in a tab does not.
    const tabId = fromExtensionPage ? undefined : sender.tab?.id;
    switch (message?.type) {
      case 'tb.hello':
        return tabId === undefined || sender.frameId !== 0 ? { enabled: false } : hello(tabId, String(message.url));
      case 'tb.events':
        if (tabId !== undefined && Array.isArray(message.envelopes)) await events(tabId, message.envelopes, message.flush === true);
        return undefined;
      case 'tb.snapshot':
        return fromExtensionPage ? snapshot(message.tabId) : undefined;
      default:
        return undefined;
    }
  }

  return {
    applySettings,
    snapshot,
    flush: () => shipper.flush(),
    /**
     * Stores settings and applies them; resolves with the problems found. For the options page's
     * callers in tests: `await serviceWorker.evaluate((s) => self.tracebridge.configure(s), settings)`.
     * @param {unknown} raw
     */
    async configure(raw) {
      await chrome.storage.local.set({ [SETTINGS_KEY]: raw });
      await applySettings();
      return (await loadSettings()).problems;
    },
    listen() {
      chrome.runtime.onMessage.addListener((/** @type {any} */ message, /** @type {any} */ sender, /** @type {(r: any) => void} */ reply) => {
        route(message, sender).then(reply, () => reply(undefined));
        return true; // the answer comes asynchronously
      });
      chrome.storage.onChanged.addListener((/** @type {any} */ changes, /** @type {string} */ area) => {
        if (area === 'local' && SETTINGS_KEY in changes) void applySettings();
      });
      chrome.tabs.onRemoved.addListener((/** @type {number} */ tabId) => void forgetTab(tabId).catch(() => undefined));
      chrome.runtime.onInstalled.addListener(() => void applySettings());
      chrome.runtime.onStartup.addListener(() => void applySettings());
      chrome.alarms?.onAlarm.addListener((/** @type {{name: string}} */ alarm) => {
        if (alarm.name === RETRY_ALARM) void shipper.flush();
      });
      // A worker restarted with events still queued (the intake was down) picks them up again.
      void outbox.restored.then(() => outbox.size() > 0 && shipper.schedule());
    },
  };
}
