import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PENDING_LABEL, hintFor, isDecided, requestVerdict } from './verdicts.js';

/** A joined trace as GET /api/v1/traces/{id} answers it, with only the fields the extension reads. */
const trace = (/** @type {any[]} */ verdicts, /** @type {any[]} */ links = []) => ({ traceId: 't', spans: [], links, verdicts });
const verdict = (/** @type {string} */ eventId, /** @type {string} */ name, browserSampling = 'sampled') => ({
  resourceEventId: eventId, browserSampling, verdict: name, reason: `rule saw ${name}`,
});

describe('request verdict', () => {
  it('engineDecided_showsTheEnginesVerdictHintAndReason', () => {
    const shown = requestVerdict(trace([verdict('res-1', 'cors_blocked')]), 'res-1');
    assert.deepEqual(shown, {
      verdict: 'cors_blocked', label: 'cors_blocked', source: 'engine',
      hint: 'CORS preflight does not allow the trace header (or the request failed): allow it in Access-Control-Allow-Headers, or tick dNR mode for this origin',
      reason: 'rule saw cors_blocked', browserSampling: 'sampled',
    });
    assert.equal(isDecided(trace([verdict('res-1', 'cors_blocked')]), 'res-1'), true);
  });

  it('engineDecidedOtherwise_winsOverTheLinks', () => {
    // A backend span arrived after the grace period: the link is there, the first decision stands.
    const shown = requestVerdict(trace([verdict('res-1', 'not_instrumented')], [{ resourceEventId: 'res-1' }]), 'res-1');
    assert.equal(shown.label, 'not_instrumented');
    assert.equal(shown.source, 'engine');
  });

  it('enginePending_showsWhatTheLinksSay', () => {
    const pending = verdict('res-1', 'pending');
    const linked = requestVerdict(trace([pending], [{ resourceEventId: 'res-1' }]), 'res-1');
    assert.deepEqual([linked.label, linked.source, linked.hint, linked.reason], ['linked', 'links', null, 'rule saw pending']);
    const waiting = requestVerdict(trace([pending]), 'res-1');
    assert.deepEqual([waiting.verdict, waiting.label, waiting.source], ['pending', PENDING_LABEL, 'links']);
    assert.equal(PENDING_LABEL, 'pending (engine decides after the grace period)');
    assert.equal(isDecided(trace([pending]), 'res-1'), false);
  });

  it('verdictOfAnotherRequest_isNotThisOnesVerdict', () => {
    const shown = requestVerdict(trace([verdict('res-2', 'cors_blocked')], [{ resourceEventId: 'res-1' }]), 'res-1');
    assert.deepEqual([shown.label, shown.source], ['linked', 'links']);
  });

  it('everyFailureVerdict_hasAOneLineHint_linkedHasNone', () => {
    for (const name of ['cors_blocked', 'header_stripped', 'sampled_out', 'id_mismatch', 'not_instrumented']) {
      const hint = requestVerdict(trace([verdict('r', name)]), 'r').hint;
      assert.ok(hint !== null && hint.length > 20 && !hint.includes('\n'), `${name}: ${hint}`);
    }
    assert.equal(requestVerdict(trace([verdict('r', 'linked')]), 'r').hint, null);
  });

  it('sampledOut_hintSaysWhoDroppedIt', () => {
    assert.match(String(hintFor('sampled_out', 'not_sampled')), /extension sent "not sampled"/);
    assert.match(String(hintFor('sampled_out', 'sampled')), /backend's sampler dropped/);
  });

  it('unknownVerdictOfANewerEngine_isShownAsItIsWithoutHint', () => {
    const shown = requestVerdict(trace([verdict('r', 'proxy_rewrote')]), 'r');
    assert.deepEqual([shown.label, shown.source, shown.hint], ['proxy_rewrote', 'engine', null]);
  });

  it('missingOrMalformedFields_meanNotKnownYet', () => {
    // An older engine (no verdicts), a reshaped trace (top-level tables beside spans), and junk entries.
    for (const shape of [null, undefined, 'text', {}, { verdicts: null, links: 'x' }, { verdicts: {}, links: {} },
      { verdicts: [null, 3, 'linked', { resourceEventId: 'r' }, { resourceEventId: 'r', verdict: 42 }, { verdict: 'linked' }] },
      { resources: [{ id: 0 }], scopes: [], spans: [{ spanId: 'a', resource: 0 }], verdicts: [{ resourceEventId: 'r', verdict: '' }] }]) {
      const shown = requestVerdict(shape, 'r');
      assert.deepEqual([shown.verdict, shown.source, shown.hint], ['pending', 'links', null], JSON.stringify(shape));
    }
  });

  it('linksOfAnOlderEngine_stillShowLinked', () => {
    const shown = requestVerdict({ traceId: 't', links: [{ resourceEventId: 'r', match: 'exact' }] }, 'r');
    assert.deepEqual([shown.label, shown.reason, shown.browserSampling], ['linked', null, null]);
  });
});
