/**
 * The content scripts are registered at run time for the allow-listed origins only, so pages anywhere
 * else never load a line of ours. Re-registered whenever the settings change.
 */
import { contentScriptMatch, parseOriginPattern } from '../domain/origin-pattern.js';

export const MAIN_SCRIPT_ID = 'tracebridge-page';
export const RELAY_SCRIPT_ID = 'tracebridge-relay';

/**
 * @param {{getRegisteredContentScripts: (filter: any) => Promise<{id: string}[]>,
 *          unregisterContentScripts: (filter: any) => Promise<void>,
 *          registerContentScripts: (scripts: any[]) => Promise<void>}} scripting chrome.scripting
 * @param {{origin: string}[]} origins
 * @param {boolean} active
 * @returns {Promise<string[]>} the match patterns registered (empty when inactive)
 */
export async function registerContentScripts(scripting, origins, active) {
  const ids = [MAIN_SCRIPT_ID, RELAY_SCRIPT_ID];
  const existing = await scripting.getRegisteredContentScripts({ ids });
  if (existing.length > 0) await scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
  if (!active) return [];
  const matches = [...new Set(origins.flatMap((o) => {
    const parsed = parseOriginPattern(o.origin);
    return 'pattern' in parsed ? [contentScriptMatch(parsed.pattern)] : [];
  }))];
  if (matches.length === 0) return [];
  const common = { matches, runAt: 'document_start', allFrames: false, persistAcrossSessions: true };
  // MAIN first: it listens for the config before the relay can have one, though the handshake copes either way.
  await scripting.registerContentScripts([
    { id: MAIN_SCRIPT_ID, js: ['page.js'], world: 'MAIN', ...common },
    { id: RELAY_SCRIPT_ID, js: ['relay.js'], world: 'ISOLATED', ...common },
  ]);
  return matches;
}
