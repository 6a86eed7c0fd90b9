import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_ERRORS_PER_VIEW, capturePage, viewTimings } from './page-capture.js';
import { countingBytes } from '../testing/fakes.js';

function setUp() {
  const win = Object.assign(new EventTarget(), {
    performance: { timeOrigin: 1000, getEntriesByType: () => [{ name: 'http://app.test/', startTime: 0, responseStart: 12, responseEnd: 20,
      domInteractive: 40, domContentLoadedEventEnd: 45, loadEventEnd: 0, responseStatus: 200, serverTiming: [] }] },
    document: { referrer: 'http://from.test/' },
  });
  /** @type {any[]} */
  const sent = [];
  const capture = capturePage({ win, view: { id: 'v', url: 'http://app.test/' }, randomBytes: countingBytes(),
    tracer: /** @type {any} */ ({ resourceEntry() {} }), emit: (e) => sent.push(e.event) });
  return { win, sent, capture };
}

/** @param {string} message @param {Error | null} error */
const errorEvent = (message, error) => Object.assign(new Event('error'), { message, error, filename: 'app.js', lineno: 3, colno: 9 });

describe('page capture', () => {
  it('uncaughtError_isAnErrorEventWithTypeAndStack', () => {
    const { win, sent } = setUp();
    const error = new TypeError('cart is undefined');
    win.dispatchEvent(errorEvent('Uncaught TypeError: cart is undefined', error));
    assert.equal(sent[0].type, 'error');
    assert.deepEqual({ ...sent[0].error, stack: sent[0].error.stack.split('\n')[0] },
      { message: 'Uncaught TypeError: cart is undefined', type: 'TypeError', stack: 'TypeError: cart is undefined', source: 'source' });
  });

  it('errorWithoutErrorObject_stackNamesTheLocation', () => {
    const { win, sent } = setUp();
    win.dispatchEvent(errorEvent('Script error.', null));
    assert.equal(sent[0].error.stack, 'at app.js:3:9');
  });

  it('resourceLoadFailure_isNoScriptError', () => {
    const { win, sent } = setUp();
    win.dispatchEvent(new Event('error'));
    assert.equal(sent.length, 0);
  });

  it('unhandledRejection_isAnErrorEvent', () => {
    const { win, sent } = setUp();
    win.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: new RangeError('no stock') }));
    assert.equal(sent[0].error.type, 'RangeError');
    assert.equal(sent[0].error.message, 'no stock');
  });

  it('errorLoop_isBoundedPerView', () => {
    const { win, sent } = setUp();
    for (let i = 0; i < MAX_ERRORS_PER_VIEW + 10; i++) win.dispatchEvent(errorEvent('boom', new Error('boom')));
    assert.equal(sent.length, MAX_ERRORS_PER_VIEW);
  });

  it('stopped_sendsNothingMore', () => {
    const { win, sent, capture } = setUp();
    capture.stop();
    win.dispatchEvent(errorEvent('boom', new Error('boom')));
    assert.equal(sent.length, 0);
  });

  it('sendView_sendsTheViewWithItsTimingsAndTheDocumentLoadOnce', () => {
    const { sent, capture } = setUp();
    capture.sendView();
    capture.sendView();
    assert.deepEqual(sent.map((e) => e.type), ['view', 'resource']);
    assert.deepEqual(sent[0].view, { id: 'v', url: 'http://app.test/', referrer: 'http://from.test/',
      timings: { first_byte: 12, dom_interactive: 40, dom_content_loaded: 45 } });
    assert.equal(sent[1].resource.type, 'document');
    assert.equal(sent[1].resource.status_code, 200);
  });

  it('viewTimings_leaveOutMarksNotReached', () => {
    assert.deepEqual(viewTimings({ responseStart: 5, domInteractive: 0, domContentLoadedEventEnd: 0, loadEventEnd: 0 }), { first_byte: 5 });
  });
});
