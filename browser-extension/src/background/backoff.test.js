import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { INITIAL_BACKOFF_MS, MAX_BACKOFF_MS, MAX_RETRY_AFTER_MS, backoffDelay, retryAfterMs } from './backoff.js';

describe('backoff', () => {
  it('attempts_doubleUpToTheCeilingWithJitterInTheUpperHalf', () => {
    assert.equal(backoffDelay(1, () => 0), INITIAL_BACKOFF_MS / 2);
    assert.equal(backoffDelay(1, () => 0.999999), INITIAL_BACKOFF_MS);
    assert.equal(backoffDelay(3, () => 0.999999), 4 * INITIAL_BACKOFF_MS);
    assert.equal(backoffDelay(30, () => 0.999999), MAX_BACKOFF_MS);
  });

  it('attempt0_failsWithReason', () => {
    assert.throws(() => backoffDelay(0, Math.random), /attempt: 0 \(expected: >= 1\)/);
  });

  it('retryAfterSeconds_isMs', () => {
    assert.equal(retryAfterMs('3', 0), 3000);
    assert.equal(retryAfterMs(' 0 ', 0), 0);
  });

  it('retryAfterDate_isTheTimeUntilThen', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    assert.equal(retryAfterMs('Wed, 21 Oct 2026 07:28:05 GMT', now), 5000);
    assert.equal(retryAfterMs('Wed, 21 Oct 2026 07:27:00 GMT', now), 0, 'a date passed means now');
  });

  it('retryAfterHuge_isCapped', () => {
    assert.equal(retryAfterMs('86400', 0), MAX_RETRY_AFTER_MS);
  });

  it('retryAfterAbsentOrUnreadable_isNull', () => {
    assert.equal(retryAfterMs(null, 0), null);
    assert.equal(retryAfterMs('', 0), null);
    assert.equal(retryAfterMs('soon', 0), null);
  });
});
