import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { settle } from '../testing/fakes.js';
import { MAX_LOOKUPS_PER_REFRESH, TRACE_RECHECK_MS, VERDICT_RECHECK_MS, createTraceLookups } from './trace-lookups.js';

const API = 'http://api.test';
const T1 = 'a'.repeat(32);

/** An API that answers each trace id with what the test set last; records what it was asked. */
function fakeApi() {
  /** @type {Map<string, any>} */
  const answers = new Map();
  /** @type {string[]} */
  const asked = [];
  const fetch = async (/** @type {string} */ url) => {
    asked.push(url.slice(`${API}/api/v1/traces/`.length));
    const answer = answers.get(url.slice(url.lastIndexOf('/') + 1)) ?? { status: 404 };
    if (answer === 'down') throw new TypeError('Failed to fetch');
    return /** @type {Response} */ (/** @type {unknown} */ ({ status: answer.status, ok: answer.status === 200, json: async () => answer.body }));
  };
  return { answers, asked, fetch };
}

function setUp() {
  const api = fakeApi();
  let now = 0;
  let rendered = 0;
  const lookups = createTraceLookups({ fetch: api.fetch, now: () => now, onResult: () => { rendered++; } });
  return {
    api, lookups,
    /** @param {number} ms */
    advance: (ms) => { now += ms; },
    rendered: () => rendered,
  };
}

const row = (/** @type {string} */ eventId, traceId = T1) => ({ eventId, traceId });
const found = (/** @type {any} */ trace) => ({ status: 200, body: { traceId: T1, spans: [], ...trace } });

describe('trace lookups', () => {
  it('unknownTrace_askedOnceThenAgainAfterTheRecheckDelay', async () => {
    const { api, lookups, advance, rendered } = setUp();
    lookups.lookUp(API, [row('r1'), row('r2')]);
    await settle();
    assert.deepEqual(api.asked, [T1], 'two requests of one trace: one lookup');
    assert.equal(lookups.result(T1)?.state, 'missing');
    assert.equal(rendered(), 1);
    advance(TRACE_RECHECK_MS - 1);
    lookups.lookUp(API, [row('r1')]);
    assert.equal(api.asked.length, 1);
    advance(1);
    lookups.lookUp(API, [row('r1')]);
    assert.equal(api.asked.length, 2);
  });

  it('linkedButNotDecided_askedAgainOnlyAtTheVerdictPace', async () => {
    const { api, lookups, advance } = setUp();
    api.answers.set(T1, found({ links: [{ resourceEventId: 'r1' }], verdicts: [{ resourceEventId: 'r1', verdict: 'pending' }] }));
    lookups.lookUp(API, [row('r1')]);
    await settle();
    advance(TRACE_RECHECK_MS);
    lookups.lookUp(API, [row('r1')]);
    assert.equal(api.asked.length, 1, 'linked: no need to ask every few seconds');
    advance(VERDICT_RECHECK_MS - TRACE_RECHECK_MS);
    lookups.lookUp(API, [row('r1')]);
    assert.equal(api.asked.length, 2, 'but the engine will decide: ask again');
  });

  it('everyRequestDecided_neverAskedAgain', async () => {
    const { api, lookups, advance } = setUp();
    api.answers.set(T1, found({ links: [], verdicts: [{ resourceEventId: 'r1', verdict: 'cors_blocked' }] }));
    lookups.lookUp(API, [row('r1')]);
    await settle();
    advance(10 * VERDICT_RECHECK_MS);
    lookups.lookUp(API, [row('r1')]);
    assert.equal(api.asked.length, 1);
    assert.equal(lookups.trace(T1)?.verdicts[0].verdict, 'cors_blocked');
    // A new request with the same trace id (a page re-using a context) is not decided: asked again.
    lookups.lookUp(API, [row('r1'), row('r3')]);
    assert.equal(api.asked.length, 2);
  });

  it('apiDownAfterATraceWasFound_keepsTheFoundTrace', async () => {
    const { api, lookups, advance } = setUp();
    api.answers.set(T1, found({ links: [] }));
    lookups.lookUp(API, [row('r1')]);
    await settle();
    api.answers.set(T1, 'down');
    advance(TRACE_RECHECK_MS);
    lookups.lookUp(API, [row('r1')]);
    await settle();
    assert.equal(api.asked.length, 2);
    assert.equal(lookups.result(T1)?.state, 'found');
  });

  it('apiDownFromTheStart_saysWhere', async () => {
    const { api, lookups } = setUp();
    api.answers.set(T1, 'down');
    lookups.lookUp(API, [row('r1')]);
    await settle();
    assert.deepEqual(lookups.result(T1), { state: 'unreachable', reason: `API not reachable at ${API}` });
    assert.equal(lookups.trace(T1), null);
  });

  it('manyTraces_atMostALimitedNumberOfLookupsPerRefresh_oldestFirst_noneInFlightTwice', async () => {
    const { api, lookups } = setUp();
    const rows = Array.from({ length: 25 }, (_, i) => row(`r${i}`, String(i).padStart(32, '0')));
    lookups.lookUp(API, [...rows, { eventId: 'untraced', traceId: null }]);
    lookups.lookUp(API, rows);
    assert.equal(api.asked.length, 2 * MAX_LOOKUPS_PER_REFRESH);
    assert.deepEqual(api.asked.slice(0, 2), [rows[0].traceId, rows[1].traceId]);
    assert.equal(new Set(api.asked).size, api.asked.length);
  });
});
