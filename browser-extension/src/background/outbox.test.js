import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OUTBOX_KEY, createOutbox } from './outbox.js';
import { createSerialStore } from './serial-store.js';
import { fakeStorageArea } from '../testing/fakes.js';

const ev = (/** @type {string} */ id) => ({ type: 'resource', id });

describe('outbox', () => {
  it('overTheBound_dropsTheOldestAndCountsThem', async () => {
    const outbox = createOutbox({ store: createSerialStore(fakeStorageArea()), maxEvents: 3 });
    await outbox.restored;
    await outbox.add([ev('a'), ev('b')]);
    await outbox.add([ev('c'), ev('d'), ev('e')]);
    assert.deepEqual(outbox.peek(10).map((e) => e.id), ['c', 'd', 'e']);
    assert.equal(outbox.dropped(), 2);
  });

  it('remove_takesOutExactlyTheSentEvents', async () => {
    const outbox = createOutbox({ store: createSerialStore(fakeStorageArea()) });
    await outbox.add([ev('a'), ev('b'), ev('c')]);
    await outbox.remove(outbox.peek(2));
    assert.deepEqual(outbox.peek(10).map((e) => e.id), ['c']);
  });

  it('workerRestarted_savedEventsComeBeforeNewOnes', async () => {
    const area = fakeStorageArea();
    const first = createOutbox({ store: createSerialStore(area) });
    await first.add([ev('saved')]);
    const second = createOutbox({ store: createSerialStore(area) });
    void second.add([ev('new')]);
    await second.restored;
    assert.deepEqual(second.peek(10).map((e) => e.id), ['saved', 'new']);
    assert.equal(area.data[OUTBOX_KEY].events.length >= 1, true);
  });

  it('zeroBound_failsWithReason', () => {
    assert.throws(() => createOutbox({ store: createSerialStore(fakeStorageArea()), maxEvents: 0 }), /maxEvents: 0 \(expected: > 0\)/);
  });
});
