import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nearestEntry } from './resource-timing-match.js';

const URL_A = 'http://a.test/api';

describe('resource timing match', () => {
  it('twoEntriesForTheUrl_theOneStartingNearestWins', () => {
    const early = { name: URL_A, startTime: 10 };
    const late = { name: URL_A, startTime: 50.2 };
    assert.equal(nearestEntry([early, late], URL_A, 50, () => false), late);
  });

  it('entryOfAnotherUrlOrClaimed_isNotTaken', () => {
    const other = { name: 'http://a.test/other', startTime: 50 };
    const claimed = { name: URL_A, startTime: 50 };
    assert.equal(nearestEntry([other, claimed], URL_A, 50, (e) => e === claimed), null);
  });

  it('entryStartedBeforeTheRequest_belongsToAnEarlierOne', () => {
    assert.equal(nearestEntry([{ name: URL_A, startTime: 40 }], URL_A, 50, () => false), null);
    const justBefore = { name: URL_A, startTime: 49.5 }; // clock coarsening
    assert.equal(nearestEntry([justBefore], URL_A, 50, () => false), justBefore);
  });
});
