import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_HELD_EVENTS, linkToExtension } from './extension-link.js';
import { TO_EXTENSION, TO_PAGE } from '../domain/page-channel.js';

function setUp() {
  const document = new EventTarget();
  /** @type {any[]} */
  const posted = [];
  document.addEventListener(TO_EXTENSION, (event) => posted.push(JSON.parse(/** @type {CustomEvent} */ (event).detail)));
  /** @type {any[]} */
  const configs = [];
  const link = linkToExtension({ document, CustomEvent, onConfig: (c) => configs.push(c) });
  const sendConfig = (/** @type {any} */ config) => document.dispatchEvent(new CustomEvent(TO_PAGE, { detail: JSON.stringify({ type: 'config', config }) }));
  return { link, posted, configs, sendConfig, document };
}

describe('extension link (page side)', () => {
  it('start_announcesItselfSoARelayThatCameFirstResendsTheConfig', () => {
    assert.deepEqual(setUp().posted, [{ type: 'ready' }]);
  });

  it('eventsBeforeTheConfig_areHeldThenSentOnce', () => {
    const { link, posted, configs, sendConfig } = setUp();
    link.send({ event: { type: 'error', id: 'e1' } });
    assert.equal(posted.length, 1);
    sendConfig({ enabled: true, viewId: 'v' });
    sendConfig({ enabled: true, viewId: 'other' });
    assert.equal(configs.length, 1, 'the first config wins');
    link.send({ event: { type: 'error', id: 'e2' } });
    assert.deepEqual(posted.slice(1).map((m) => m.envelopes.map((/** @type {any} */ e) => e.event.id)), [['e1'], ['e2']]);
  });

  it('disabled_heldEventsAreDroppedAndNothingIsSent', () => {
    const { link, posted, sendConfig } = setUp();
    link.send({ event: { type: 'error', id: 'e1' } });
    sendConfig({ enabled: false });
    link.send({ event: { type: 'error', id: 'e2' } });
    link.flush();
    assert.deepEqual(posted, [{ type: 'ready' }]);
  });

  it('configNeverComes_holdsOnlyTheNewestEvents', () => {
    const { link, posted, sendConfig } = setUp();
    for (let i = 0; i < MAX_HELD_EVENTS + 5; i++) link.send({ event: { type: 'error', id: `e${i}` } });
    sendConfig({ enabled: true });
    const sent = posted[1].envelopes;
    assert.equal(sent.length, MAX_HELD_EVENTS);
    assert.equal(sent[0].event.id, 'e5');
  });

  it('malformedConfigMessage_isIgnored', () => {
    const { configs, sendConfig, document } = setUp();
    document.dispatchEvent(new CustomEvent(TO_PAGE, { detail: '{not json' }));
    document.dispatchEvent(new CustomEvent(TO_PAGE, { detail: { type: 'config' } }));
    sendConfig(undefined);
    assert.deepEqual(configs, [undefined], 'an empty config is passed on, and means off');
  });
});
