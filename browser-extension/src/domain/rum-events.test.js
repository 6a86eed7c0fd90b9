import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { enrichEvent, relativeTiming, resourceEvent } from './rum-events.js';

describe('native RUM events', () => {
  it('relativeTiming_isMsAfterStartAndOmitsMarksTheBrowserZeroed', () => {
    // Cross-origin without Timing-Allow-Origin: request/response marks are 0 (REFERENCE §3).
    const entry = { startTime: 100, fetchStart: 100, redirectStart: 0, requestStart: 0, responseStart: 0, responseEnd: 142.1234 };
    assert.deepEqual(relativeTiming(entry), { fetch_start: 0, response_end: 42.123 });
  });

  it('resourceEvent_leavesOutEmptyTraceAndTiming', () => {
    const event = resourceEvent({
      id: 'e1', date: 1000.4, view: { id: 'v', url: 'http://a/' }, kind: 'fetch', url: 'http://a/x', method: 'GET',
      statusCode: 0, durationMs: 12.5, timing: {}, headers: {}, responseHeaders: {},
    });
    assert.deepEqual(event, {
      type: 'resource', id: 'e1', date: 1000, view: { id: 'v', url: 'http://a/' },
      resource: { type: 'fetch', url: 'http://a/x', method: 'GET', status_code: 0, duration_ms: 12.5 },
    });
  });

  it('enrichEvent_addsAppSessionAndLabelOnlyWhenSet', () => {
    const event = { type: 'long_task', id: 'e' };
    assert.deepEqual(enrichEvent(event, { appName: 'shop', sessionId: 's', testSession: 'run-7' }),
      { type: 'long_task', id: 'e', app: { id: 'shop' }, session: { id: 's' }, labels: { test_session: 'run-7' } });
    assert.equal('labels' in enrichEvent(event, { appName: 'shop', sessionId: 's', testSession: '' }), false);
  });
});
