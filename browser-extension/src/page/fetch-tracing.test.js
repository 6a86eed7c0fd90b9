import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { instrumentFetch } from './fetch-tracing.js';
import { CONFIG_WAIT_MS, createRequestTracer } from './request-tracer.js';
import { countingBytes, fakeTimers, settle } from '../testing/fakes.js';

const PAGE = 'http://app.test/';

/** A window whose fetch records what reached the network and answers as told. */
function fakeWindow(/** @type {(input: any, init: any) => Promise<Response>} */ answer = async () => new Response('ok', { status: 200 })) {
  /** @type {{input: any, init: any}[]} */
  const calls = [];
  const win = {
    Headers, Request,
    fetch: (/** @type {any} */ input, /** @type {any} */ init) => { calls.push({ input, init }); return answer(input, init); },
  };
  return { win, calls };
}

const CONFIG = { enabled: true, viewId: 'v', sampled: true, dnrHeaders: {}, origins: [{ origin: 'http://app.test', formats: ['w3c'], dnr: false }] };

function tracer(/** @type {any[]} */ emitted, timers = fakeTimers(), configured = true) {
  const t = createRequestTracer({
    clock: { now: timers.now, timeOrigin: 0, entriesByName: () => [] }, timers, randomBytes: countingBytes(),
    pageUrl: () => PAGE, view: { id: 'v', url: PAGE }, emit: (e) => emitted.push(e),
  });
  if (configured) t.configure(CONFIG);
  return t;
}

/** The headers fetch would send for a call, whatever form the page used. */
const sentHeaders = (/** @type {{input: any, init: any}} */ call) =>
  new Request(typeof call.input === 'string' ? new URL(call.input, PAGE) : call.input, call.init).headers;

describe('fetch tracing', () => {
  it('allowListedRequest_sendsTraceparentAndKeepsThePagesHeadersAndBody', async () => {
    const { win, calls } = fakeWindow();
    instrumentFetch(win, tracer([]));
    const response = await win.fetch('/api', { method: 'POST', headers: { 'x-page': '1' }, body: 'payload' });
    assert.equal(await response.text(), 'ok');
    const headers = sentHeaders(calls[0]);
    assert.equal(headers.get('x-page'), '1');
    assert.match(String(headers.get('traceparent')), /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    assert.equal(calls[0].init.body, 'payload');
    assert.equal(calls[0].init.method, 'POST');
  });

  it('requestObjectWithItsOwnTraceparent_isSentUnchanged', async () => {
    const { win, calls } = fakeWindow();
    const emitted = [];
    instrumentFetch(win, tracer(emitted));
    const sdk = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const request = new Request('http://app.test/api', { headers: { traceparent: sdk } });
    await win.fetch(request);
    assert.equal(calls[0].input, request);
    assert.equal(calls[0].init, undefined, 'the page\'s call, as it made it');
    assert.equal(sentHeaders(calls[0]).get('traceparent'), sdk);
  });

  it('requestObjectWithoutContext_getsItsHeadersPlusOurs', async () => {
    const { win, calls } = fakeWindow();
    instrumentFetch(win, tracer([]));
    await win.fetch(new Request('http://app.test/api', { headers: { accept: 'application/json' } }));
    const headers = sentHeaders(calls[0]);
    assert.equal(headers.get('accept'), 'application/json');
    assert.ok(headers.get('traceparent'));
  });

  it('networkError_pageGetsTheSameRejectionAndStatus0IsRecorded', async () => {
    const failure = new TypeError('Failed to fetch');
    const { win } = fakeWindow(async () => { throw failure; });
    const emitted = [];
    const t = tracer(emitted);
    instrumentFetch(win, t);
    await assert.rejects(win.fetch('/api'), (error) => error === failure);
    t.flushFinished();
    assert.equal(emitted[0].event.resource.status_code, 0);
  });

  it('tracerThrows_pagesCallGoesOutUntouchedOnce', async () => {
    const { win, calls } = fakeWindow();
    instrumentFetch(win, /** @type {any} */ ({ begin() { throw new Error('our bug'); }, finish() {} }));
    const response = await win.fetch('/api', { headers: { 'x-page': '1' } });
    assert.equal(response.status, 200);
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0].init, { headers: { 'x-page': '1' } });
  });

  it('finishThrows_pageStillGetsItsResponse', async () => {
    const { win } = fakeWindow();
    instrumentFetch(win, /** @type {any} */ ({ begin: () => ({ inject: null }), finish() { throw new Error('our bug'); } }));
    assert.equal((await win.fetch('/api')).status, 200);
  });

  it('fetchBeforeTheConfig_waitsForItAndIsInjected', async () => {
    const { win, calls } = fakeWindow();
    const t = tracer([], fakeTimers(), false);
    instrumentFetch(win, t);
    const response = win.fetch('/api');
    await settle();
    assert.equal(calls.length, 0, 'held');
    t.configure(CONFIG);
    assert.equal((await response).status, 200);
    assert.ok(sentHeaders(calls[0]).get('traceparent'));
  });

  it('configNeverComes_fetchGoesOutBareAfterTheWaitAndLaterOnesDoNotWait', async () => {
    const { win, calls } = fakeWindow();
    const timers = fakeTimers();
    instrumentFetch(win, tracer([], timers, false));
    const held = win.fetch('/api');
    await timers.advance(CONFIG_WAIT_MS - 1);
    assert.equal(calls.length, 0);
    await timers.advance(1);
    assert.equal((await held).status, 200);
    assert.equal(sentHeaders(calls[0]).get('traceparent'), null);
    void win.fetch('/later');
    assert.equal(calls.length, 2, 'past the wait, calls go straight through');
  });

  it('pageTurnsOutNotTraced_heldFetchGoesOutUntouched', async () => {
    const { win, calls } = fakeWindow();
    const t = tracer([], fakeTimers(), false);
    const wrapper = instrumentFetch(win, t);
    const held = win.fetch('/api', { headers: { 'x-page': '1' } });
    t.stopWaiting();
    wrapper.stop();
    await held;
    assert.deepEqual(calls[0].init, { headers: { 'x-page': '1' } });
  });

  it('exposedTraceresponse_isRecorded', async () => {
    const { win } = fakeWindow(async () => new Response('', { status: 200, headers: { traceresponse: '00-aa-bb-01' } }));
    const emitted = [];
    const t = tracer(emitted);
    instrumentFetch(win, t);
    await win.fetch('/api');
    await settle();
    t.flushFinished();
    assert.deepEqual(emitted[0].event.trace.response_headers, { traceresponse: '00-aa-bb-01' });
  });
});
