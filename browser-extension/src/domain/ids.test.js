import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalSpanId, canonicalTraceId, lowBitsDecimal, newSpanId, newTraceId, newUuid } from './ids.js';
import { countingBytes } from '../testing/fakes.js';

describe('ids', () => {
  it('newTraceId_is32LowercaseHex', () => {
    assert.match(newTraceId(countingBytes()), /^[0-9a-f]{32}$/);
  });

  it('newTraceIdOnly64Bit_hasZeroHighHalf', () => {
    const id = newTraceId(countingBytes(), { only64Bit: true });
    assert.match(id, /^0{16}[0-9a-f]{16}$/);
    assert.notEqual(id.slice(16), '0'.repeat(16));
  });

  it('randomSourceGivesZerosOnce_redrawsAndNeverReturnsAllZeroId', () => {
    let calls = 0;
    const bytes = (/** @type {number} */ n) => (calls++ === 0 ? new Uint8Array(n) : new Uint8Array(n).fill(0xab));
    assert.equal(newSpanId(bytes), 'abababababababab');
  });

  it('randomSourceGivesOnlyZeros_failsWithReason', () => {
    assert.throws(() => newSpanId((n) => new Uint8Array(n)), /randomBytes: returned only zeros 9 times \(expected: random bytes\)/);
  });

  it('lowBitsDecimal_isDatadogsDecimalOfTheLow64Bits', () => {
    // REFERENCE §1: traceparent ...aff1073d5209cd60... from Datadog RUM is x-datadog-trace-id 12677...
    assert.equal(lowBitsDecimal('0000000000000000aff1073d5209cd60'), BigInt('0xaff1073d5209cd60').toString(10));
    assert.equal(lowBitsDecimal('0af7651916cd43dd8448eb211c80319c'), '9532127138774266268');
    assert.equal(lowBitsDecimal('ffffffffffffffff'), '18446744073709551615');
  });

  it('newUuid_isVersion4', () => {
    assert.match(newUuid(countingBytes()), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('canonicalTraceId_padsUnpaddedAndUpperCaseHex', () => {
    assert.equal(canonicalTraceId('AFF1073D5209CD60'), '0000000000000000aff1073d5209cd60');
    assert.equal(canonicalTraceId('4c482a9866071599'), '00000000000000004c482a9866071599');
  });

  it('canonicalTraceIdOfDecimal_isLow64BitsZeroPadded', () => {
    assert.equal(canonicalTraceId('9532127138774266268', { decimal: true }), '00000000000000008448eb211c80319c');
  });

  it('canonicalTraceIdOfNoId_isNull', () => {
    for (const text of ['', '0000', 'xyz', '1'.repeat(33)]) assert.equal(canonicalTraceId(text), null, text);
    assert.equal(canonicalTraceId('18446744073709551616', { decimal: true }), null, '2^64 does not fit');
    assert.equal(canonicalTraceId('0', { decimal: true }), null);
  });

  it('canonicalSpanIdOf128BitValue_isNull', () => {
    assert.equal(canonicalSpanId('b7ad6b7169203331'), 'b7ad6b7169203331');
    assert.equal(canonicalSpanId('0af7651916cd43dd8448eb211c80319c'), null);
  });
});
