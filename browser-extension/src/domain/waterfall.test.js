import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isErrorStatus, layoutWaterfall } from './waterfall.js';

const MS = 1_000_000;
const T0 = 1_700_000_000_000 * MS;
const span = (/** @type {string} */ id, /** @type {string | null} */ parent, /** @type {number} */ start, /** @type {number} */ end, status = 'OK') => ({
  spanId: id, parentSpanId: parent, service: 'svc', name: `op-${id}`, startEpochNanos: T0 + start * MS, endEpochNanos: T0 + end * MS, status,
});

describe('waterfall', () => {
  const trace = {
    traceId: 't',
    spans: [
      span('server', 'browser-span', 10, 90),
      span('db', 'server', 20, 40, 'ERROR'),
      span('cache', 'server', 45, 85),
      span('deep', 'db', 22, 30, 'STATUS_CODE_ERROR'),
    ],
    links: [{ resourceEventId: 'res-1' }],
  };
  const request = { eventId: 'res-1', method: 'GET', url: 'http://a/x', date: T0 / MS, durationMs: 100, spanId: 'browser-span' };

  it('browserRequestAndSpans_shareOneAxisWithParentsAboveChildren', () => {
    const { bars, totalMs } = layoutWaterfall(trace, request);
    assert.equal(totalMs, 100);
    assert.deepEqual(bars.map((b) => [b.key, b.depth]), [['res-1', 0], ['server', 1], ['db', 2], ['deep', 3], ['cache', 2]]);
    const server = bars[1];
    // Epoch nanos as JSON numbers are doubles: ~256 ns apart today, far below a pixel.
    assert.ok(Math.abs(server.offsetPct - 10) < 0.001, String(server.offsetPct));
    assert.ok(Math.abs(server.widthPct - 80) < 0.001, String(server.widthPct));
  });

  it('errors_theDeepestIsTheOrigin', () => {
    const { errorOrigin, bars } = layoutWaterfall(trace, request);
    assert.equal(errorOrigin, 'deep');
    assert.deepEqual(bars.filter((b) => b.error).map((b) => b.key), ['db', 'deep']);
  });

  it('criticalPath_followsTheChildThatFinishedLast', () => {
    assert.deepEqual(layoutWaterfall(trace, request).criticalPath, ['server', 'cache']);
  });

  it('noErrorAndNoRequest_stillLaysOut', () => {
    const { bars, errorOrigin } = layoutWaterfall({ traceId: 't', spans: [span('a', null, 0, 0)] }, null);
    assert.equal(errorOrigin, null);
    assert.equal(bars[0].depth, 0);
    assert.ok(bars[0].widthPct > 0, 'a zero-length span is still visible');
  });

  it('errorStatus_inEachSpellingTheApiMayUse', () => {
    assert.equal(isErrorStatus('ERROR'), true);
    assert.equal(isErrorStatus({ code: 'ERROR' }), true);
    assert.equal(isErrorStatus('STATUS_CODE_ERROR'), true);
    assert.equal(isErrorStatus('OK'), false);
    assert.equal(isErrorStatus(undefined), false);
  });
});
