/**
 * The opt-in declarativeNetRequest mode: for origins whose CORS does not allow trace headers, the
 * browser itself adds them (no preflight, REFERENCE §3). A rule's value is fixed, so each page view
 * gets one trace context, shared by its requests to those origins, in session rules bound to its tab.
 */
import { headersFor, needs64BitTraceId } from '../domain/trace-headers.js';
import { newSpanId, newTraceId } from '../domain/ids.js';
import { parseOriginPattern, requestUrlRegex } from '../domain/origin-pattern.js';

export const DNR_NEXT_ID_KEY = 'dnrNextRuleId';

/**
 * @param {{origin: string, formats: string[], dnr: boolean}[]} origins
 * @param {{sampled: boolean, randomBytes: (n: number) => Uint8Array}} view
 * @returns {Record<string, Record<string, string>>} headers per dNR origin; empty when none uses dNR
 */
export function viewDnrHeaders(origins, view) {
  const dnrOrigins = origins.filter((o) => o.dnr && o.formats.length > 0);
  if (dnrOrigins.length === 0) return {};
  const allFormats = [...new Set(dnrOrigins.flatMap((o) => o.formats))];
  const context = {
    traceId: newTraceId(view.randomBytes, { only64Bit: needs64BitTraceId(allFormats) }),
    spanId: newSpanId(view.randomBytes),
    sampled: view.sampled,
  };
  return Object.fromEntries(dnrOrigins.map((o) => [o.origin, headersFor(o.formats, context)]));
}

/**
 * @param {number} tabId
 * @param {Record<string, Record<string, string>>} headersByOrigin
 * @param {number} firstRuleId
 */
export function dnrRules(tabId, headersByOrigin, firstRuleId) {
  return Object.entries(headersByOrigin).flatMap(([origin, headers], index) => {
    const parsed = parseOriginPattern(origin);
    if (!('pattern' in parsed)) return [];
    return [{
      id: firstRuleId + index,
      priority: 1,
      action: {
        type: 'modifyHeaders',
        requestHeaders: Object.entries(headers).map(([header, value]) => ({ header, operation: 'set', value })),
      },
      condition: {
        tabIds: [tabId],
        regexFilter: requestUrlRegex(parsed.pattern),
        // fetch and XHR both count as xmlhttprequest for declarativeNetRequest.
        resourceTypes: ['xmlhttprequest'],
      },
    }];
  });
}
