import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { instrumentMethod } from './instrument-method.js';

describe('instrumentMethod', () => {
  const target = () => {
    const calls = [];
    return { calls, call(/** @type {unknown[]} */ ...args) { calls.push({ self: this, args }); return `result:${args.join(',')}`; } };
  };

  it('beforeChangesArguments_originalGetsThemOnceWithItsThis', () => {
    const t = target();
    instrumentMethod(t, 'call', () => ({ args: ['changed'] }));
    assert.equal(t.call('page'), 'result:changed');
    assert.equal(t.calls.length, 1);
    assert.equal(t.calls[0].self, t);
  });

  it('beforeThrows_originalRunsWithThePagesArguments', () => {
    const t = target();
    instrumentMethod(t, 'call', () => { throw new Error('our bug'); });
    assert.equal(t.call('page'), 'result:page');
    assert.equal(t.calls.length, 1);
  });

  it('afterThrows_pageGetsTheOriginalResult', () => {
    const t = target();
    instrumentMethod(t, 'call', () => ({ after: () => { throw new Error('our bug'); } }));
    assert.equal(t.call('x'), 'result:x');
  });

  it('afterReplacesResult_pageGetsTheReplacement', () => {
    const t = target();
    instrumentMethod(t, 'call', () => ({ after: (/** @type {string} */ r) => r.toUpperCase() }));
    assert.equal(t.call('x'), 'RESULT:X');
  });

  it('originalThrows_pageSeesItsError', () => {
    const t = { call() { throw new RangeError('page error'); } };
    instrumentMethod(t, 'call', () => ({ after: () => 'never' }));
    assert.throws(() => t.call(), RangeError);
  });

  it('stop_restoresTheOriginal', () => {
    const t = target();
    const original = t.call;
    instrumentMethod(t, 'call', () => ({ args: ['changed'] })).stop();
    assert.equal(t.call, original);
  });

  it('stopAfterAnotherWrapper_keepsTheChainButPassesThrough', () => {
    const t = target();
    const ours = instrumentMethod(t, 'call', () => ({ args: ['changed'] }));
    const ourWrapper = t.call;
    t.call = function (/** @type {unknown[]} */ ...args) { return ourWrapper.apply(this, ['sdk', ...args]); };
    ours.stop();
    assert.equal(t.call('page'), 'result:sdk,page', 'the SDK wrapper still runs, ours no longer changes anything');
  });

  it('hold_callsTheOriginalOnceItSettlesWithTheReplannedArguments', async () => {
    const t = { async call(/** @type {string} */ x) { return `result:${x}`; } };
    /** @type {() => void} */
    let release = () => {};
    const hold = new Promise((resolve) => { release = () => resolve(undefined); });
    let planned = 'before release';
    instrumentMethod(t, 'call', () => ({ hold, replan: () => ({ args: [planned] }) }));
    const result = t.call('page');
    planned = 'after release';
    release();
    assert.equal(await result, 'result:after release');
  });

  it('notAFunction_isLeftAlone', () => {
    const t = { call: 42 };
    instrumentMethod(t, 'call', () => undefined).stop();
    assert.equal(t.call, 42);
  });
});
