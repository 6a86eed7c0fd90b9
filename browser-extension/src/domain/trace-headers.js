/**
 * The trace headers the extension writes (per format) and recognises (every format a page's own SDK
 * may send, REFERENCE §1), and the canonical ids read back from them.
 */
import { canonicalSpanId, canonicalTraceId, lowBitsDecimal } from './ids.js';

/** The formats a tester can choose per origin; names match the engine's `HeaderFormat.wireName()`. */
export const HEADER_FORMATS = Object.freeze(['w3c', 'b3', 'b3multi', 'jaeger', 'datadog']);

/** Formats whose ids hold only 64 bits of trace id. */
const SIXTY_FOUR_BIT_FORMATS = new Set(['datadog']);

/**
 * Headers that show a request already carries a trace context (an SDK in the page set it). Any one of
 * them means: record, never inject a second context.
 */
const CONTEXT_HEADERS = Object.freeze([
  'traceparent',
  'b3',
  'x-b3-traceid',
  'uber-trace-id',
  'x-datadog-trace-id',
  'x-gc-trace-id',
  'sw8',
  'sentry-trace',
  'elastic-apm-traceparent',
]);

/** Headers recorded alongside a context header because they qualify it (state, sampling, session). */
const COMPANION_HEADERS = Object.freeze([
  'tracestate',
  'baggage',
  'x-b3-spanid',
  'x-b3-parentspanid',
  'x-b3-sampled',
  'x-b3-flags',
  'x-datadog-parent-id',
  'x-datadog-sampling-priority',
  'x-datadog-origin',
  'x-datadog-tags',
  'x-gc-span-id',
]);

const RECORDED_HEADERS = new Set([...CONTEXT_HEADERS, ...COMPANION_HEADERS]);

/**
 * @typedef {{traceId: string, spanId: string, sampled: boolean}} TraceContext ids as 32 and 16 hex
 */

/** @param {readonly string[]} formats whether the ids for these formats should hold 64 bits only */
export function needs64BitTraceId(formats) {
  return formats.length > 0 && formats.every((f) => SIXTY_FOUR_BIT_FORMATS.has(f));
}

/**
 * The headers to send for one request: every chosen format carries the same ids, so a backend that
 * reads any of them continues the same trace.
 *
 * @param {readonly string[]} formats
 * @param {TraceContext} context
 * @returns {Record<string, string>}
 */
export function headersFor(formats, context) {
  const { traceId, spanId, sampled } = context;
  const flag = sampled ? '1' : '0';
  /** @type {Record<string, string>} */
  const headers = {};
  for (const format of formats) {
    switch (format) {
      case 'w3c':
        headers.traceparent = `00-${traceId}-${spanId}-${sampled ? '01' : '00'}`;
        break;
      case 'b3':
        headers.b3 = `${traceId}-${spanId}-${flag}`;
        break;
      case 'b3multi':
        headers['x-b3-traceid'] = traceId;
        headers['x-b3-spanid'] = spanId;
        headers['x-b3-sampled'] = flag;
        break;
      case 'jaeger':
        // trace:span:parent:flags; parent 0 because the browser request is the root.
        headers['uber-trace-id'] = `${traceId}:${spanId}:0:${flag}`;
        break;
      case 'datadog':
        headers['x-datadog-trace-id'] = lowBitsDecimal(traceId);
        headers['x-datadog-parent-id'] = lowBitsDecimal(spanId);
        headers['x-datadog-origin'] = 'rum';
        headers['x-datadog-sampling-priority'] = flag;
        break;
      default:
        throw new Error(`format: '${format}' (expected one of ${HEADER_FORMATS.join(', ')})`);
    }
  }
  return headers;
}

/**
 * The trace headers a request already carries, names lower-cased; empty when it carries no context
 * header (companions alone, such as `baggage`, do not make a context).
 *
 * @param {Iterable<[string, string]>} headerEntries
 * @returns {Record<string, string>}
 */
export function carriedTraceHeaders(headerEntries) {
  /** @type {Record<string, string>} */
  const found = {};
  let hasContext = false;
  for (const [name, value] of headerEntries) {
    const lower = String(name).toLowerCase();
    if (!RECORDED_HEADERS.has(lower)) continue;
    found[lower] = String(value);
    if (CONTEXT_HEADERS.includes(lower)) hasContext = true;
  }
  return hasContext ? found : {};
}

/**
 * The context a set of recorded headers propagated, in canonical ids; a 128-bit id wins over a 64-bit
 * one because it is the more specific key. Null when no header parses.
 *
 * @param {Record<string, string>} headers lower-cased names
 * @returns {{traceId: string, spanId: string | null} | null}
 */
export function traceContextFromHeaders(headers) {
  const candidates = [
    fromDashed(headers.traceparent, 1, 2),
    fromDashed(headers['elastic-apm-traceparent'], 1, 2),
    fromDashed(headers.b3, 0, 1),
    fromDashed(headers['sentry-trace'], 0, 1),
    fromPair(headers['x-b3-traceid'], headers['x-b3-spanid'], false),
    fromColon(headers['uber-trace-id']),
    fromPair(headers['x-datadog-trace-id'], headers['x-datadog-parent-id'], true),
    fromPair(headers['x-gc-trace-id'], headers['x-gc-span-id'], true),
  ].filter((c) => c !== null);
  if (candidates.length === 0) return null;
  return candidates.find((c) => !c.traceId.startsWith('0'.repeat(16))) ?? candidates[0];
}

/** @param {string | undefined} value @param {number} traceAt @param {number} spanAt */
function fromDashed(value, traceAt, spanAt) {
  if (value === undefined) return null;
  const parts = value.trim().split('-');
  return context(parts[traceAt], parts[spanAt], false);
}

/** @param {string | undefined} value */
function fromColon(value) {
  if (value === undefined) return null;
  const parts = value.trim().split(':');
  return context(parts[0], parts[1], false);
}

/** @param {string | undefined} trace @param {string | undefined} span @param {boolean} decimal */
function fromPair(trace, span, decimal) {
  if (trace === undefined) return null;
  return context(trace, span, decimal);
}

/** @param {string | undefined} trace @param {string | undefined} span @param {boolean} decimal */
function context(trace, span, decimal) {
  const traceId = trace === undefined ? null : canonicalTraceId(trace, { decimal });
  if (traceId === null) return null;
  const spanId = span === undefined ? null : canonicalSpanId(span, { decimal });
  return { traceId, spanId };
}
