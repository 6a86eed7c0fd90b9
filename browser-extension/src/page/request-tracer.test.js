import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENTRY_WAIT_MS, createRequestTracer } from './request-tracer.js';
import { countingBytes, fakeTimers } from '../testing/fakes.js';

const PAGE = 'http://app.test/shop';
const API = 'http://api.test';

function tracerWith(/** @type {any[]} */ entries = []) {
  const timers = fakeTimers();
  /** @type {any[]} */
  const emitted = [];
  const view = { id: 'view-1', url: PAGE };
  const tracer = createRequestTracer({
    clock: { now: timers.now, timeOrigin: 1_000_000, entriesByName: (url) => entries.filter((e) => e.name === url) },
    timers, randomBytes: countingBytes(), pageUrl: () => PAGE, view, emit: (e) => emitted.push(e),
  });
  const config = { enabled: true, viewId: 'view-1', sampled: true, dnrHeaders: {}, origins: [
    { origin: 'http://app.test', formats: ['w3c'], dnr: false },
    { origin: API, formats: ['w3c', 'datadog'], dnr: false },
    { origin: 'http://dnr.test', formats: ['w3c'], dnr: true },
  ] };
  return { tracer, timers, emitted, config };
}

describe('request tracer', () => {
  it('beforeTheConfig_requestIsRecordedButNotInjected', () => {
    const { tracer, emitted } = tracerWith([{ name: `${API}/x`, startTime: 0, duration: 5, responseEnd: 5 }]);
    const request = tracer.begin({ kind: 'fetch', method: 'get', url: `${API}/x`, headers: [] });
    assert.equal(request?.inject, null);
    tracer.finish(/** @type {any} */ (request), { status: 200 });
    assert.equal(emitted.length, 1);
    assert.equal(emitted[0].event.resource.method, 'GET');
    assert.equal(emitted[0].event.trace, undefined);
  });

  it('allowListedOrigin_getsItsFormatsWithFreshIds', () => {
    const { tracer, config } = tracerWith();
    tracer.configure(config);
    const first = tracer.begin({ kind: 'fetch', method: 'GET', url: `${API}/x`, headers: [] });
    const second = tracer.begin({ kind: 'xhr', method: 'GET', url: `${API}/x`, headers: [] });
    assert.deepEqual(Object.keys(first?.inject ?? {}), ['traceparent', 'x-datadog-trace-id', 'x-datadog-parent-id', 'x-datadog-origin', 'x-datadog-sampling-priority']);
    assert.notEqual(first?.inject?.traceparent, second?.inject?.traceparent);
    assert.equal(first?.mode, 'injected');
  });

  it('relativeUrlOfThePage_isResolvedAgainstThePage', () => {
    const { tracer, config } = tracerWith();
    tracer.configure(config);
    const request = tracer.begin({ kind: 'fetch', method: 'GET', url: '/api/cart#top', headers: [] });
    assert.equal(request?.url, 'http://app.test/api/cart');
    assert.match(String(request?.inject?.traceparent), /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('originOutsideTheAllowList_getsNothing', () => {
    const { tracer, config } = tracerWith();
    tracer.configure(config);
    const request = tracer.begin({ kind: 'fetch', method: 'GET', url: 'https://cdn.other.test/lib.js', headers: [] });
    assert.equal(request?.inject, null);
    assert.equal(request?.mode, 'none');
  });

  it('requestCarryingAnSdksContext_isRecordedWithItAndNotInjected', () => {
    const { tracer, config, emitted } = tracerWith();
    tracer.configure(config);
    const sdk = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const request = tracer.begin({ kind: 'fetch', method: 'GET', url: `${API}/x`, headers: [['TraceParent', sdk]] });
    assert.equal(request?.inject, null);
    tracer.finish(/** @type {any} */ (request), { status: 200 });
    tracer.flushFinished();
    assert.deepEqual(emitted[0].event.trace.headers, { traceparent: sdk });
    assert.equal(emitted[0].meta.mode, 'page');
  });

  it('dnrOrigin_isRecordedWithTheViewsHeadersAndNotInjectedInPage', () => {
    const { tracer, config } = tracerWith();
    const dnrHeaders = { 'http://dnr.test': { traceparent: '00-11111111111111111111111111111111-2222222222222222-01' } };
    tracer.configure({ ...config, dnrHeaders });
    const request = tracer.begin({ kind: 'fetch', method: 'GET', url: 'http://dnr.test/x', headers: [] });
    assert.equal(request?.inject, null);
    assert.deepEqual(request?.headers, dnrHeaders['http://dnr.test']);
    assert.equal(request?.mode, 'dnr');
  });

  it('notSampledSession_sendsTheNotSampledFlag', () => {
    const { tracer, config } = tracerWith();
    tracer.configure({ ...config, sampled: false });
    const request = tracer.begin({ kind: 'fetch', method: 'GET', url: `${API}/x`, headers: [] });
    assert.match(String(request?.inject?.traceparent), /-00$/);
    assert.equal(request?.inject?.['x-datadog-sampling-priority'], '0');
  });

  it('injectedCrossOriginRequestFailsWithStatus0_originIsNoLongerInjected', () => {
    const { tracer, config } = tracerWith();
    tracer.configure(config);
    const refused = tracer.begin({ kind: 'fetch', method: 'GET', url: `${API}/x`, headers: [] });
    tracer.finish(/** @type {any} */ (refused), { status: 0 });
    assert.equal(tracer.begin({ kind: 'fetch', method: 'GET', url: `${API}/y`, headers: [] })?.inject, null);
    const sameOrigin = tracer.begin({ kind: 'fetch', method: 'GET', url: '/z', headers: [] });
    tracer.finish(/** @type {any} */ (sameOrigin), { status: 0 });
    assert.notEqual(tracer.begin({ kind: 'fetch', method: 'GET', url: '/z', headers: [] })?.inject, null, 'same-origin needs no preflight');
  });

  it('entryArrivesAfterTheResponse_eventCarriesItsTimings', async () => {
    const { tracer, config, emitted, timers } = tracerWith();
    tracer.configure(config);
    await timers.advance(100);
    const request = tracer.begin({ kind: 'fetch', method: 'GET', url: `${API}/x`, headers: [] });
    await timers.advance(30);
    tracer.finish(/** @type {any} */ (request), { status: 201, responseHeaders: { traceresponse: 'tr' } });
    assert.equal(emitted.length, 0, 'waits for the entry');
    tracer.resourceEntry({ name: `${API}/x`, startTime: 100.2, fetchStart: 100.2, requestStart: 101, responseStart: 120, responseEnd: 140.2, duration: 40,
      serverTiming: [{ name: 'traceparent', duration: 0, description: '00-aa-bb-01' }] });
    const { event } = emitted[0];
    assert.equal(event.date, 1_000_100);
    assert.equal(event.resource.duration_ms, 40);
    assert.equal(event.resource.status_code, 201);
    assert.deepEqual(event.resource.timing, { fetch_start: 0, request_start: 0.8, response_start: 19.8, response_end: 40 });
    assert.deepEqual(event.trace.response_headers, { traceresponse: 'tr', 'server-timing': 'traceparent;desc="00-aa-bb-01"' });
    assert.equal(event.view.id, 'view-1');
  });

  it('noEntryComes_eventGoesAfterTheWaitWithTheWrappersDuration', async () => {
    const { tracer, config, emitted, timers } = tracerWith();
    tracer.configure(config);
    const request = tracer.begin({ kind: 'xhr', method: 'POST', url: `${API}/x`, headers: [] });
    await timers.advance(25);
    tracer.finish(/** @type {any} */ (request), { status: 0 });
    await timers.advance(ENTRY_WAIT_MS - 1);
    assert.equal(emitted.length, 0);
    await timers.advance(1);
    assert.equal(emitted[0].event.resource.duration_ms, 25);
    assert.equal(emitted[0].event.resource.status_code, 0);
    assert.equal(emitted[0].event.resource.timing, undefined);
  });

  it('twoConcurrentRequestsToOneUrl_eachGetsTheEntryNearestItsStart', async () => {
    const entries = [{ name: `${API}/x`, startTime: 0, duration: 50, responseEnd: 50 }, { name: `${API}/x`, startTime: 10, duration: 5, responseEnd: 15 }];
    const { tracer, config, emitted, timers } = tracerWith(entries);
    tracer.configure(config);
    const first = tracer.begin({ kind: 'fetch', method: 'GET', url: `${API}/x`, headers: [] });
    await timers.advance(10);
    const second = tracer.begin({ kind: 'fetch', method: 'GET', url: `${API}/x`, headers: [] });
    tracer.finish(/** @type {any} */ (second), { status: 200 });
    tracer.finish(/** @type {any} */ (first), { status: 200 });
    assert.deepEqual(emitted.map((e) => e.event.resource.duration_ms), [5, 50]);
  });

  it('pageHides_finishedRequestsGoAtOnceUnfinishedStay', () => {
    const { tracer, config, emitted } = tracerWith();
    tracer.configure(config);
    const done = tracer.begin({ kind: 'fetch', method: 'GET', url: `${API}/done`, headers: [] });
    tracer.begin({ kind: 'fetch', method: 'GET', url: `${API}/slow`, headers: [] });
    tracer.finish(/** @type {any} */ (done), { status: 200 });
    tracer.flushFinished();
    assert.deepEqual(emitted.map((e) => e.event.resource.url), [`${API}/done`]);
  });

  it('dataUrl_isNoRequest', () => {
    const { tracer } = tracerWith();
    assert.equal(tracer.begin({ kind: 'fetch', method: 'GET', url: 'data:text/plain,hi', headers: [] }), null);
  });
});
