/**
 * Trace, span and event ids, made from an injected source of random bytes so tests are deterministic
 * and page code never depends on `crypto.randomUUID` (it exists only in secure contexts, and testers
 * also open plain-http apps on LAN names).
 *
 * @typedef {(byteCount: number) => Uint8Array} RandomBytes
 */

/** W3C forbids all-zero ids; redraw a bounded number of times (the chance of even one redraw is 2^-64). */
const MAX_ZERO_REDRAWS = 8;
const TRACE_ID_BYTES = 16;
const SPAN_ID_BYTES = 8;
const HEX_64_BIT_LENGTH = 16;
const HEX_128_BIT_LENGTH = 32;

/**
 * @param {RandomBytes} randomBytes
 * @param {number} byteCount
 * @returns {string} lowercase hex, never all zeros
 */
function nonZeroHex(randomBytes, byteCount) {
  for (let attempt = 0; attempt <= MAX_ZERO_REDRAWS; attempt++) {
    const bytes = randomBytes(byteCount);
    if (bytes.some((b) => b !== 0)) return toHex(bytes);
  }
  throw new Error(`randomBytes: returned only zeros ${MAX_ZERO_REDRAWS + 1} times (expected: random bytes)`);
}

/** @param {Uint8Array} bytes */
function toHex(bytes) {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/**
 * A 32-hex trace id. With `only64Bit` the high half is zero: used when every format the request carries
 * holds 64 bits (Datadog), so the id shown in the panel is the one the engine stores (zero-padded).
 *
 * @param {RandomBytes} randomBytes
 * @param {{only64Bit?: boolean}} [options]
 */
export function newTraceId(randomBytes, options = {}) {
  if (options.only64Bit) return '0'.repeat(HEX_64_BIT_LENGTH) + nonZeroHex(randomBytes, SPAN_ID_BYTES);
  return nonZeroHex(randomBytes, TRACE_ID_BYTES);
}

/** @param {RandomBytes} randomBytes a 16-hex span id */
export function newSpanId(randomBytes) {
  return nonZeroHex(randomBytes, SPAN_ID_BYTES);
}

/**
 * The decimal form Datadog sends: the low 64 bits of a hex id.
 * @param {string} hex 16 or 32 hex digits
 */
export function lowBitsDecimal(hex) {
  return BigInt('0x' + hex.slice(-HEX_64_BIT_LENGTH)).toString(10);
}

/**
 * A random (version 4) UUID.
 * @param {RandomBytes} randomBytes
 */
export function newUuid(randomBytes) {
  const bytes = randomBytes(16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The canonical trace id the engine stores (REFERENCE §1): 32 lowercase hex, 64-bit ids zero-padded,
 * decimal read as the low 64 bits. Null when the text is no id.
 *
 * @param {string} text
 * @param {{decimal?: boolean}} [options]
 * @returns {string | null}
 */
export function canonicalTraceId(text, options = {}) {
  const value = String(text).trim();
  if (options.decimal) {
    if (!/^\d{1,20}$/.test(value)) return null;
    const id = BigInt(value);
    if (id === 0n || id >= 1n << 64n) return null;
    return id.toString(16).padStart(HEX_128_BIT_LENGTH, '0');
  }
  if (!/^[0-9a-fA-F]{1,32}$/.test(value) || /^0+$/.test(value)) return null;
  return value.toLowerCase().padStart(HEX_128_BIT_LENGTH, '0');
}

/**
 * A canonical 16-hex span id, or null.
 * @param {string} text
 * @param {{decimal?: boolean}} [options]
 */
export function canonicalSpanId(text, options = {}) {
  const trace = canonicalTraceId(text, options);
  if (trace === null || !trace.startsWith('0'.repeat(HEX_64_BIT_LENGTH))) return null;
  return trace.slice(HEX_64_BIT_LENGTH);
}
