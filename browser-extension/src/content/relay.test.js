import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EVENTS, HELLO, MAX_RELAY_BUFFER, RELAY_BATCH_MS, startRelay } from './relay.js';
import { TO_EXTENSION, TO_PAGE } from '../domain/page-channel.js';
import { fakeTimers } from '../testing/fakes.js';

/** @param {(message: any) => any} answer what the service worker replies */
function setUp(answer) {
  const document = new EventTarget();
  const window = Object.assign(new EventTarget(), { location: { href: 'http://app.test/shop' } });
  const timers = fakeTimers();
  /** @type {any[]} */
  const messages = [];
  const runtime = { sendMessage: async (/** @type {any} */ m) => { messages.push(m); return answer(m); } };
  /** @type {any[]} */
  const toPage = [];
  document.addEventListener(TO_PAGE, (e) => toPage.push(JSON.parse(/** @type {CustomEvent} */ (e).detail)));
  const relay = startRelay({ document, window, CustomEvent, runtime, timers });
  const fromPage = (/** @type {any} */ message) => document.dispatchEvent(new CustomEvent(TO_EXTENSION, { detail: JSON.stringify(message) }));
  const events = (/** @type {string[]} */ ids) => fromPage({ type: 'events', envelopes: ids.map((id) => ({ event: { type: 'resource', id } })) });
  return { relay, messages, toPage, fromPage, events, timers, window };
}

const ENABLED = { enabled: true, config: { enabled: true, viewId: 'v1' } };

describe('relay (isolated world)', () => {
  it('start_asksTheWorkerAndHandsTheConfigToThePage', async () => {
    const { relay, messages, toPage, fromPage } = setUp(() => ENABLED);
    await relay.ready;
    assert.deepEqual(messages, [{ type: HELLO, url: 'http://app.test/shop' }]);
    assert.deepEqual(toPage, [{ type: 'config', config: ENABLED.config }]);
    fromPage({ type: 'ready' }); // the page script started after the relay
    assert.equal(toPage.length, 2);
  });

  it('workerDoesNotAnswer_pageIsToldTracingIsOff', async () => {
    const { relay, toPage } = setUp(() => { throw new Error('Could not establish connection'); });
    await relay.ready;
    assert.deepEqual(toPage, [{ type: 'config', config: { enabled: false } }]);
  });

  it('events_goToTheWorkerInOneBatchAfterTheDelay', async () => {
    const { relay, messages, events, timers } = setUp(() => ENABLED);
    await relay.ready;
    events(['a']);
    events(['b', 'c']);
    await timers.advance(RELAY_BATCH_MS - 1);
    assert.equal(messages.length, 1);
    await timers.advance(1);
    assert.equal(messages[1].type, EVENTS);
    assert.deepEqual(messages[1].envelopes.map((/** @type {any} */ e) => e.event.id), ['a', 'b', 'c']);
    assert.equal(messages[1].flush, false);
  });

  it('pageHides_bufferGoesAtOnceWithFlush', async () => {
    const { relay, messages, events, window } = setUp(() => ENABLED);
    await relay.ready;
    events(['a']);
    window.dispatchEvent(new Event('pagehide'));
    assert.deepEqual(messages[1].envelopes.map((/** @type {any} */ e) => e.event.id), ['a']);
    assert.equal(messages[1].flush, true);
  });

  it('forgedOrMalformedMessages_areNotForwarded', async () => {
    const { relay, messages, fromPage, timers } = setUp(() => ENABLED);
    await relay.ready;
    fromPage({ type: 'events', envelopes: [{ event: { type: 'exfiltrate', id: 'x' } }, { event: { type: 'error' } }, null] });
    fromPage({ type: 'something' });
    await timers.advance(RELAY_BATCH_MS);
    assert.equal(messages.length, 1);
  });

  it('disabled_eventsAreDropped', async () => {
    const { relay, messages, events, timers } = setUp(() => ({ enabled: false }));
    await relay.ready;
    events(['a']);
    await timers.advance(RELAY_BATCH_MS);
    assert.equal(messages.length, 1);
  });

  it('pageFloodsOneBatch_onlyTheNewestBoundedNumberIsSent', async () => {
    const { relay, messages, events, timers } = setUp(() => ENABLED);
    await relay.ready;
    events(Array.from({ length: MAX_RELAY_BUFFER + 10 }, (_, i) => `e${i}`));
    events(['last']);
    await timers.advance(RELAY_BATCH_MS);
    const sent = messages[1].envelopes;
    assert.equal(sent.length, MAX_RELAY_BUFFER);
    assert.equal(sent[0].event.id, 'e11');
    assert.equal(sent.at(-1).event.id, 'last');
  });
});
