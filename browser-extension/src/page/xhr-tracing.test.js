import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { instrumentXhr } from './xhr-tracing.js';
import { createRequestTracer } from './request-tracer.js';
import { countingBytes, fakeTimers } from '../testing/fakes.js';

const PAGE = 'http://app.test/';

/** An XMLHttpRequest that records headers and completes when the test says. */
class FakeXhr extends EventTarget {
  constructor() {
    super();
    /** @type {[string, string][]} */
    this.sent = [];
    this.status = 0;
    this.responseHeaders = '';
  }
  open(/** @type {string} */ method, /** @type {string} */ url) { this.method = method; this.url = url; }
  setRequestHeader(/** @type {string} */ name, /** @type {string} */ value) { this.sent.push([name, value]); }
  send() {}
  getAllResponseHeaders() { return this.responseHeaders; }
  complete(/** @type {number} */ status, headers = '') {
    this.status = status;
    this.responseHeaders = headers;
    this.dispatchEvent(new Event('loadend'));
  }
}

function setUp() {
  class Xhr extends FakeXhr {}
  /** @type {any[]} */
  const emitted = [];
  const tracer = createRequestTracer({
    clock: { now: () => 0, timeOrigin: 0, entriesByName: () => [] }, timers: fakeTimers(), randomBytes: countingBytes(),
    pageUrl: () => PAGE, view: { id: 'v', url: PAGE }, emit: (e) => emitted.push(e),
  });
  tracer.configure({ enabled: true, viewId: 'v', sampled: true, dnrHeaders: {}, origins: [{ origin: 'http://app.test', formats: ['b3'], dnr: false }] });
  const undo = instrumentXhr({ XMLHttpRequest: Xhr, EventTarget }, tracer);
  return { Xhr, emitted, tracer, undo };
}

describe('XHR tracing', () => {
  it('allowListedRequest_getsTheHeaderAndIsRecordedOnLoadend', () => {
    const { Xhr, emitted, tracer } = setUp();
    const xhr = new Xhr();
    xhr.open('POST', '/api/orders');
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.send();
    assert.deepEqual(xhr.sent.map(([n]) => n), ['content-type', 'b3']);
    xhr.complete(201, 'Content-Type: application/json\r\nTraceresponse: 00-aa-bb-01\r\nServer-Timing: db;dur=2\r\n');
    tracer.flushFinished();
    const { event } = emitted[0];
    assert.equal(event.resource.type, 'xhr');
    assert.equal(event.resource.method, 'POST');
    assert.equal(event.resource.status_code, 201);
    assert.equal(event.trace.headers.b3, xhr.sent[1][1]);
    assert.deepEqual(event.trace.response_headers, { traceresponse: '00-aa-bb-01', 'server-timing': 'db;dur=2' });
  });

  it('pageSetItsOwnB3_notInjectedTwice', () => {
    const { Xhr, emitted, tracer } = setUp();
    const xhr = new Xhr();
    xhr.open('GET', '/api');
    xhr.setRequestHeader('B3', '80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1');
    xhr.send();
    assert.equal(xhr.sent.length, 1);
    xhr.complete(200);
    tracer.flushFinished();
    assert.deepEqual(emitted[0].event.trace.headers, { b3: '80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1' });
  });

  it('reopened_usesTheNewUrlAndForgetsOldHeaders', () => {
    const { Xhr } = setUp();
    const xhr = new Xhr();
    xhr.open('GET', 'https://elsewhere.test/x');
    xhr.setRequestHeader('traceparent', 'x');
    xhr.open('GET', '/api');
    xhr.send();
    assert.equal(xhr.sent.at(-1)?.[0], 'b3');
  });

  it('undone_prototypeIsTheOriginalAgain', () => {
    const { Xhr, undo } = setUp();
    undo.stop();
    assert.equal(Xhr.prototype.send, FakeXhr.prototype.send);
    const xhr = new Xhr();
    xhr.open('GET', '/api');
    xhr.send();
    assert.deepEqual(xhr.sent, []);
  });
});
