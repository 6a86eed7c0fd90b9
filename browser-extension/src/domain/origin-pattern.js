/**
 * Origin patterns of the allow-list: `http://127.0.0.1:3000`, `https://api.example.com`,
 * `https://*.example.com` (the domain and its subdomains), `http://localhost:*` (any port).
 * A pattern without a port means the scheme's default port, as a URL's origin does.
 *
 * @typedef {{text: string, scheme: 'http' | 'https', host: string, subdomains: boolean, port: string}} OriginPattern
 *   `port` is '' for the default port, '*' for any port, else digits
 */

const PATTERN = /^(https?):\/\/(\*\.)?(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\*|\d{1,5}))?\/?$/;
const MAX_PORT = 65535;
const DEFAULT_PORTS = Object.freeze({ http: '80', https: '443' });

/**
 * @param {string} text
 * @returns {{pattern: OriginPattern} | {problem: string}}
 */
export function parseOriginPattern(text) {
  const trimmed = String(text).trim().toLowerCase();
  const match = PATTERN.exec(trimmed);
  if (match === null) {
    return {
      problem: `origin: '${text}' (expected: scheme://host[:port], e.g. http://127.0.0.1:3000 or https://*.example.com)`,
    };
  }
  const [, scheme, star, host, rawPort = ''] = match;
  if (rawPort !== '' && rawPort !== '*' && (Number(rawPort) < 1 || Number(rawPort) > MAX_PORT)) {
    return { problem: `origin: '${text}' has port ${rawPort} (expected: 1..${MAX_PORT} or *)` };
  }
  const port = rawPort === DEFAULT_PORTS[/** @type {'http'|'https'} */ (scheme)] ? '' : rawPort;
  const normalised = `${scheme}://${star ?? ''}${host}${port === '' ? '' : ':' + port}`;
  return {
    pattern: {
      text: normalised,
      scheme: /** @type {'http'|'https'} */ (scheme),
      host,
      subdomains: star !== undefined,
      port,
    },
  };
}

/**
 * Whether a URL's origin (as `new URL(u).origin` gives it) is covered by the pattern.
 * @param {OriginPattern} pattern
 * @param {string} origin
 */
export function originMatches(pattern, origin) {
  let url;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== `${pattern.scheme}:`) return false;
  const host = url.hostname.toLowerCase();
  const hostMatches = pattern.subdomains
    ? host === pattern.host || host.endsWith('.' + pattern.host)
    : host === pattern.host;
  if (!hostMatches) return false;
  return pattern.port === '*' || url.port === pattern.port;
}

/**
 * The Chrome match pattern that registers the content scripts for pages of this origin. Chrome takes
 * an explicit port (checked in Chromium 156); a pattern without one matches every port, so for a
 * default port or `*` pages on other ports also load the scripts, and the service worker answers
 * their hello with "disabled" and the page code steps aside.
 * @param {OriginPattern} pattern
 */
export function contentScriptMatch(pattern) {
  const port = pattern.port === '' || pattern.port === '*' ? '' : `:${pattern.port}`;
  return `${pattern.scheme}://${pattern.subdomains ? '*.' : ''}${pattern.host}${port}/*`;
}

/**
 * A declarativeNetRequest `regexFilter` for request URLs of this origin.
 * @param {OriginPattern} pattern
 */
export function requestUrlRegex(pattern) {
  const host = pattern.host.replace(/[.[\]]/g, (c) => '\\' + c);
  const subdomains = pattern.subdomains ? '([^/@:]+\\.)?' : '';
  const port = pattern.port === '*' ? '(:\\d+)?' : pattern.port === '' ? '' : `:${pattern.port}`;
  return `^${pattern.scheme}://${subdomains}${host}${port}/`;
}
