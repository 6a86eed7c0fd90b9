import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSerialStore } from './serial-store.js';
import { fakeStorageArea } from '../testing/fakes.js';

const ROWS = 20;

describe('serial store', () => {
  it('unserialisedConcurrentReadModifyWrite_losesRows', async () => {
    // The failure the store exists for, shown on the same fake: the test below is only meaningful if this one holds.
    const area = fakeStorageArea({ rows: [] });
    await Promise.all(Array.from({ length: ROWS }, async (_, i) => {
      const { rows } = await area.get('rows');
      await area.set({ rows: [...rows, i] });
    }));
    assert.ok(area.data.rows.length < ROWS, `kept ${area.data.rows.length}`);
  });

  it('concurrentUpdates_keepEveryRowInCallOrder', async () => {
    const area = fakeStorageArea({ rows: [] });
    const store = createSerialStore(area);
    await Promise.all(Array.from({ length: ROWS }, (_, i) => store.update('rows', (/** @type {number[]} */ rows) => [...rows, i])));
    assert.deepEqual(area.data.rows, Array.from({ length: ROWS }, (_, i) => i));
  });

  it('failingUpdate_rejectsItsCallerAndLaterOnesStillRun', async () => {
    const store = createSerialStore(fakeStorageArea({ n: 1 }));
    await assert.rejects(store.update('n', () => { throw new Error('boom'); }), /boom/);
    assert.equal(await store.update('n', (/** @type {number} */ n) => n + 1), 2);
  });

  it('updateReturningUndefined_leavesTheKeyAlone', async () => {
    const area = fakeStorageArea({});
    const store = createSerialStore(area);
    await store.update('absent', () => undefined);
    assert.equal('absent' in area.data, false);
  });
});
