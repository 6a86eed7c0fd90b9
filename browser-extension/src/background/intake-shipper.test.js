import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BATCH_DELAY_MS, INTAKE_PATH, MAX_BATCH_EVENTS, SEND_TIMEOUT_MS, createIntakeShipper } from './intake-shipper.js';
import { INITIAL_BACKOFF_MS } from './backoff.js';
import { createOutbox } from './outbox.js';
import { createSerialStore } from './serial-store.js';
import { fakeStorageArea, fakeTimers, settle } from '../testing/fakes.js';

/** @param {(call: number) => any} answer status, {status, retryAfter}, or an Error to throw */
async function setUp(answer) {
  const timers = fakeTimers();
  const outbox = createOutbox({ store: createSerialStore(fakeStorageArea()) });
  await outbox.restored;
  /** @type {{url: string, init: any, at: number}[]} */
  const requests = [];
  const shipper = createIntakeShipper({
    outbox, timers, now: timers.now, random: () => 1,
    endpoint: async () => 'http://127.0.0.1:4318',
    fetch: async (url, init) => {
      requests.push({ url, init, at: timers.now() });
      const a = answer(requests.length);
      if (a instanceof Error) throw a;
      if (a === 'hang') return new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))));
      const { status, retryAfter = null } = typeof a === 'number' ? { status: a } : a;
      return { status, headers: { get: (/** @type {string} */ n) => (n === 'retry-after' ? retryAfter : null) } };
    },
  });
  const add = async (/** @type {number} */ n) => {
    await outbox.add(Array.from({ length: n }, (_, i) => ({ type: 'resource', id: `e${i}` })));
    shipper.schedule();
    await settle();
  };
  return { shipper, outbox, timers, requests, add };
}

describe('intake shipper', () => {
  it('fewEvents_waitForTheBatchDelayThenGoAsOneJsonArray', async () => {
    const { requests, timers, add, outbox } = await setUp(() => 202);
    await add(3);
    assert.equal(requests.length, 0);
    await timers.advance(BATCH_DELAY_MS);
    assert.equal(requests.length, 1);
    assert.equal(requests[0].url, `http://127.0.0.1:4318${INTAKE_PATH}`);
    assert.equal(requests[0].init.method, 'POST');
    assert.equal(requests[0].init.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(requests[0].init.body).map((/** @type {any} */ e) => e.id), ['e0', 'e1', 'e2']);
    assert.equal(outbox.size(), 0);
  });

  it('fullBatch_goesAtOnceInBoundedRequests', async () => {
    const { shipper, requests, add } = await setUp(() => 202);
    await add(MAX_BATCH_EVENTS * 2 + 1);
    await shipper.flush();
    assert.deepEqual(requests.map((r) => JSON.parse(r.init.body).length), [MAX_BATCH_EVENTS, MAX_BATCH_EVENTS, 1]);
  });

  it('503WithRetryAfter_waitsThatLongThenSendsTheSameEvents', async () => {
    const { shipper, requests, timers, add } = await setUp((n) => (n === 1 ? { status: 503, retryAfter: '7' } : 202));
    await add(2);
    await shipper.flush();
    await timers.advance(6999);
    assert.equal(requests.length, 1);
    await timers.advance(1);
    assert.equal(requests.length, 2);
    assert.equal(requests[1].init.body, requests[0].init.body);
    assert.equal(shipper.stats().sent, 2);
    assert.equal(shipper.stats().retries, 1);
  });

  it('429WithoutRetryAfter_backsOffExponentially', async () => {
    const { shipper, requests, timers, add } = await setUp((n) => (n <= 3 ? 429 : 202));
    await add(1);
    await shipper.flush();
    await timers.advance(60_000);
    const gaps = requests.slice(1).map((r, i) => r.at - requests[i].at);
    assert.deepEqual(gaps, [INITIAL_BACKOFF_MS, 2 * INITIAL_BACKOFF_MS, 4 * INITIAL_BACKOFF_MS]);
    assert.equal(shipper.stats().sent, 1);
  });

  it('networkError_keepsTheEventsAndSaysWhy', async () => {
    const { shipper, outbox, add } = await setUp(() => new TypeError('Failed to fetch'));
    await add(2);
    await shipper.flush();
    assert.equal(outbox.size(), 2);
    assert.equal(shipper.stats().lastError, 'intake unreachable: Failed to fetch');
  });

  it('intakeHangs_requestIsAbortedAndRetried', async () => {
    const { shipper, requests, timers, add } = await setUp((n) => (n === 1 ? 'hang' : 202));
    await add(1);
    void shipper.flush();
    await settle(); // the request is under way
    await timers.advance(SEND_TIMEOUT_MS + INITIAL_BACKOFF_MS);
    assert.equal(requests.length, 2);
    assert.equal(shipper.stats().sent, 1);
  });

  it('400_dropsTheBatchCountsItAndGoesOn', async () => {
    const { shipper, outbox, requests, add } = await setUp((n) => (n === 1 ? 400 : 202));
    await add(MAX_BATCH_EVENTS + 1);
    await shipper.flush();
    assert.equal(requests.length, 2);
    assert.equal(shipper.stats().rejected, MAX_BATCH_EVENTS);
    assert.equal(shipper.stats().sent, 1);
    assert.equal(outbox.size(), 0);
  });

  it('flushDuringBackoff_respectsTheWait', async () => {
    const { shipper, requests, add } = await setUp(() => ({ status: 503, retryAfter: '30' }));
    await add(1);
    await shipper.flush();
    await shipper.flush();
    assert.equal(requests.length, 1);
  });

  it('restoredStats_addToTheCounters', async () => {
    const { shipper } = await setUp(() => 202);
    shipper.restoreStats({ sent: 5, rejected: 1, retries: 2, lastError: 'x', lastSentAt: 9 });
    assert.deepEqual(shipper.stats(), { sent: 5, rejected: 1, retries: 2, lastError: 'x', lastSentAt: 9 });
  });
});
