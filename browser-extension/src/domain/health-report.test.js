import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { verdictTotals } from './health-report.js';

describe('health report totals', () => {
  it('rowsOfSeveralHoursAndPatterns_sumPerVerdict_linkedFirst', () => {
    const report = {
      app: 'shop', startEpochNanos: 0, endEpochNanos: 1, partial: false,
      counts: [
        { hourStartEpochNanos: 0, urlPattern: 'api/cart', headerFormats: 'w3c', verdict: 'cors_blocked', count: 2, exampleTraceIds: [] },
        { hourStartEpochNanos: 0, urlPattern: 'api/cart', headerFormats: 'w3c', verdict: 'linked', count: 5, exampleTraceIds: [] },
        { hourStartEpochNanos: 1, urlPattern: 'api/orders/{id}', headerFormats: 'datadog+w3c', verdict: 'linked', count: 7, exampleTraceIds: [] },
        { hourStartEpochNanos: 1, urlPattern: 'api/x', headerFormats: 'w3c', verdict: 'not_instrumented', count: 1, exampleTraceIds: [] },
      ],
    };
    assert.deepEqual(verdictTotals(report), {
      totals: [{ verdict: 'linked', count: 12 }, { verdict: 'cors_blocked', count: 2 }, { verdict: 'not_instrumented', count: 1 }],
      partial: false,
    });
  });

  it('partialReport_saysSo', () => {
    assert.equal(verdictTotals({ partial: true, counts: [] }).partial, true);
  });

  it('malformedRowsAndBodies_areSkippedNotFatal', () => {
    assert.deepEqual(verdictTotals(null), { totals: [], partial: false });
    assert.deepEqual(verdictTotals({ counts: 'many' }), { totals: [], partial: false });
    assert.deepEqual(verdictTotals({ counts: [null, { verdict: 'linked' }, { verdict: 3, count: 1 }, { verdict: 'linked', count: -1 },
      { verdict: 'new_kind', count: '2' }] }).totals, [{ verdict: 'new_kind', count: 2 }]);
  });
});
