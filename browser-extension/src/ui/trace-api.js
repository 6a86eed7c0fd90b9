/**
 * Reads joined traces and the propagation-health report from the Tracebridge API. Extension pages hold
 * host permissions, so the API needs no CORS for them.
 */

/**
 * @param {string} apiBase e.g. http://127.0.0.1:8080
 * @param {string} traceId 32 hex
 * @param {(url: string) => Promise<Response>} fetch
 * @returns {Promise<{state: 'found', trace: any} | {state: 'missing'} | {state: 'unreachable', reason: string}>}
 */
export async function fetchJoinedTrace(apiBase, traceId, fetch) {
  let response;
  try {
    response = await fetch(`${apiBase}/api/v1/traces/${encodeURIComponent(traceId)}`);
  } catch (error) {
    return { state: 'unreachable', reason: `API not reachable at ${apiBase}` };
  }
  if (response.status === 404) return { state: 'missing' };
  if (!response.ok) return { state: 'unreachable', reason: `API answered ${response.status}` };
  try {
    return { state: 'found', trace: await response.json() };
  } catch {
    return { state: 'unreachable', reason: 'API answered with a body that is no JSON' };
  }
}

/** @param {string} apiBase @param {string} traceId the web viewer's page for the trace */
export function viewerUrl(apiBase, traceId) {
  return `${apiBase}/#/traces/${traceId}`;
}

/**
 * The app's propagation-health report over the engine's default window (the last 24 h).
 * @param {string} apiBase @param {string} app the RUM app id (the extension's `appName`)
 * @param {(url: string) => Promise<Response>} fetch
 * @returns {Promise<{state: 'found', report: unknown} | {state: 'unreachable', reason: string}>}
 */
export async function fetchHealthReport(apiBase, app, fetch) {
  let response;
  try {
    response = await fetch(`${apiBase}/api/v1/propagation-health?app=${encodeURIComponent(app)}`);
  } catch {
    return { state: 'unreachable', reason: `API not reachable at ${apiBase}` };
  }
  if (!response.ok) return { state: 'unreachable', reason: `API answered ${response.status}` };
  try {
    return { state: 'found', report: await response.json() };
  } catch {
    return { state: 'unreachable', reason: 'API answered with a body that is no JSON' };
  }
}
