/**
 * The tester's options, as stored under `chrome.storage.local["settings"]`, their defaults and their
 * validation. Invalid parts are dropped with a problem each, never guessed at: a misconfigured
 * extension must leave pages untouched rather than inject somewhere unintended.
 */
import { HEADER_FORMATS } from './trace-headers.js';
import { parseOriginPattern } from './origin-pattern.js';

export const SETTINGS_KEY = 'settings';

/**
 * @typedef {{origin: string, formats: string[], dnr: boolean}} OriginRule
 * @typedef {{
 *   enabled: boolean, endpoint: string, apiBase: string, appName: string,
 *   origins: OriginRule[], sampleRate: number, testSession: string
 * }} Settings
 */

/** @type {Readonly<Settings>} */
export const DEFAULT_SETTINGS = Object.freeze({
  enabled: true,
  // The engine's default OTLP/HTTP port also serves the RUM intakes (DESIGN.md).
  endpoint: 'http://127.0.0.1:4318',
  apiBase: 'http://127.0.0.1:8080',
  appName: 'tracebridge-extension',
  origins: [],
  sampleRate: 1,
  testSession: '',
});

/** The engine keys apps and labels by these strings; longer ones are a mistake, not a name. */
const MAX_LABEL_LENGTH = 200;

/**
 * @param {unknown} raw what storage held (any shape, possibly from an older version)
 * @returns {{settings: Settings, problems: string[]}}
 */
export function normaliseSettings(raw) {
  const input = typeof raw === 'object' && raw !== null ? /** @type {Record<string, unknown>} */ (raw) : {};
  /** @type {string[]} */
  const problems = [];
  const settings = {
    enabled: input.enabled === undefined ? DEFAULT_SETTINGS.enabled : input.enabled === true,
    endpoint: httpBase(input.endpoint, DEFAULT_SETTINGS.endpoint, 'endpoint', problems),
    apiBase: httpBase(input.apiBase, DEFAULT_SETTINGS.apiBase, 'apiBase', problems),
    appName: label(input.appName, DEFAULT_SETTINGS.appName, 'appName', problems),
    origins: originRules(input.origins, problems),
    sampleRate: rate(input.sampleRate, problems),
    testSession: label(input.testSession, DEFAULT_SETTINGS.testSession, 'testSession', problems),
  };
  if (settings.appName === '') {
    problems.push(`appName: '' (expected: a name, e.g. '${DEFAULT_SETTINGS.appName}')`);
    settings.appName = DEFAULT_SETTINGS.appName;
  }
  return { settings, problems };
}

/**
 * Whether the extension should touch pages at all: on, with a usable endpoint and something to trace.
 * @param {Settings} settings
 * @param {string[]} problems
 */
export function isActive(settings, problems) {
  return settings.enabled && settings.origins.length > 0 && !problems.some((p) => p.startsWith('endpoint'));
}

/** @param {unknown} value @param {string} fallback @param {string} field @param {string[]} problems */
function httpBase(value, fallback, field, problems) {
  if (value === undefined || value === '') return fallback;
  try {
    const url = new URL(String(value));
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  problems.push(`${field}: '${value}' (expected: an http or https URL, e.g. ${fallback})`);
  return fallback;
}

/** @param {unknown} value @param {string} fallback @param {string} field @param {string[]} problems */
function label(value, fallback, field, problems) {
  if (value === undefined) return fallback;
  const text = String(value).trim();
  if (text.length > MAX_LABEL_LENGTH) {
    problems.push(`${field}: ${text.length} characters (expected: <= ${MAX_LABEL_LENGTH})`);
    return text.slice(0, MAX_LABEL_LENGTH);
  }
  return text;
}

/** @param {unknown} value @param {string[]} problems */
function rate(value, problems) {
  if (value === undefined) return DEFAULT_SETTINGS.sampleRate;
  const number = Number(value);
  if (Number.isFinite(number) && number >= 0 && number <= 1) return number;
  problems.push(`sampleRate: ${value} (expected: 0..1)`);
  return DEFAULT_SETTINGS.sampleRate;
}

/** @param {unknown} value @param {string[]} problems @returns {OriginRule[]} */
function originRules(value, problems) {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push('origins: not a list (expected: [{origin, formats, dnr}])');
    return [];
  }
  /** @type {OriginRule[]} */
  const rules = [];
  for (const entry of value) {
    const rule = typeof entry === 'string' ? { origin: entry } : entry ?? {};
    const parsed = parseOriginPattern(rule.origin ?? '');
    if ('problem' in parsed) {
      problems.push(parsed.problem);
      continue;
    }
    if (rules.some((r) => r.origin === parsed.pattern.text)) {
      problems.push(`origin: '${parsed.pattern.text}' listed twice (expected: once; the first entry is used)`);
      continue;
    }
    rules.push({
      origin: parsed.pattern.text,
      formats: formats(rule.formats, parsed.pattern.text, problems),
      dnr: rule.dnr === true,
    });
  }
  return rules;
}

/** @param {unknown} value @param {string} origin @param {string[]} problems */
function formats(value, origin, problems) {
  if (value === undefined) return ['w3c'];
  if (!Array.isArray(value)) {
    problems.push(`formats of ${origin}: not a list (expected: some of ${HEADER_FORMATS.join(', ')})`);
    return ['w3c'];
  }
  const known = [];
  for (const format of value) {
    if (HEADER_FORMATS.includes(format)) {
      if (!known.includes(format)) known.push(format);
    } else {
      problems.push(`format of ${origin}: '${format}' (expected one of ${HEADER_FORMATS.join(', ')})`);
    }
  }
  return known;
}
