import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { carriedTraceHeaders, headersFor, needs64BitTraceId, traceContextFromHeaders } from './trace-headers.js';

const CONTEXT = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', sampled: true };

describe('trace headers', () => {
  it('w3c_isTraceparentWithSampledFlag', () => {
    assert.deepEqual(headersFor(['w3c'], CONTEXT), { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    assert.deepEqual(headersFor(['w3c'], { ...CONTEXT, sampled: false }), { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00' });
  });

  it('b3Single_isTraceSpanSampled', () => {
    assert.deepEqual(headersFor(['b3'], CONTEXT), { b3: '0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-1' });
  });

  it('b3Multi_isThreeHeaders', () => {
    assert.deepEqual(headersFor(['b3multi'], { ...CONTEXT, sampled: false }), {
      'x-b3-traceid': '0af7651916cd43dd8448eb211c80319c', 'x-b3-spanid': 'b7ad6b7169203331', 'x-b3-sampled': '0',
    });
  });

  it('jaeger_isUberTraceIdWithZeroParent', () => {
    assert.deepEqual(headersFor(['jaeger'], CONTEXT), { 'uber-trace-id': '0af7651916cd43dd8448eb211c80319c:b7ad6b7169203331:0:1' });
  });

  it('datadog_isDecimalLow64BitsWithRumOriginAndPriority', () => {
    assert.deepEqual(headersFor(['datadog'], CONTEXT), {
      'x-datadog-trace-id': '9532127138774266268',
      'x-datadog-parent-id': BigInt('0xb7ad6b7169203331').toString(10),
      'x-datadog-origin': 'rum',
      'x-datadog-sampling-priority': '1',
    });
    assert.equal(headersFor(['datadog'], { ...CONTEXT, sampled: false })['x-datadog-sampling-priority'], '0');
  });

  it('severalFormats_carryTheSameIds', () => {
    const headers = headersFor(['w3c', 'b3', 'datadog'], CONTEXT);
    assert.equal(Object.keys(headers).length, 6);
    assert.equal(traceContextFromHeaders({ b3: headers.b3 })?.traceId, CONTEXT.traceId);
  });

  it('unknownFormat_failsWithTheKnownOnes', () => {
    assert.throws(() => headersFor(['zipkin'], CONTEXT), /format: 'zipkin' \(expected one of w3c, b3, b3multi, jaeger, datadog\)/);
  });

  it('onlyDatadog_needs64BitIds', () => {
    assert.equal(needs64BitTraceId(['datadog']), true);
    assert.equal(needs64BitTraceId(['datadog', 'w3c']), false);
    assert.equal(needs64BitTraceId([]), false);
  });

  it('requestWithAnSdksHeader_isRecognisedWhateverTheCase', () => {
    assert.deepEqual(carriedTraceHeaders([['TraceParent', '00-abc-def-01'], ['TraceState', 'dd=s:1'], ['Accept', '*/*']]),
      { traceparent: '00-abc-def-01', tracestate: 'dd=s:1' });
    assert.deepEqual(carriedTraceHeaders([['X-Datadog-Trace-Id', '1'], ['x-datadog-parent-id', '2']]),
      { 'x-datadog-trace-id': '1', 'x-datadog-parent-id': '2' });
    assert.deepEqual(carriedTraceHeaders([['sw8', '1-abc']]), { sw8: '1-abc' });
  });

  it('requestWithOnlyBaggage_carriesNoContext', () => {
    assert.deepEqual(carriedTraceHeaders([['baggage', 'session.id=1'], ['content-type', 'text/plain']]), {});
  });

  it('datadogHeaders_giveZeroPaddedCanonicalId', () => {
    assert.deepEqual(traceContextFromHeaders({ 'x-datadog-trace-id': '9532127138774266268', 'x-datadog-parent-id': '10' }),
      { traceId: '00000000000000008448eb211c80319c', spanId: '000000000000000a' });
  });

  it('128BitAnd64BitContexts_the128BitOneWins', () => {
    const context = traceContextFromHeaders({
      'x-datadog-trace-id': '9532127138774266268',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    assert.equal(context?.traceId, '0af7651916cd43dd8448eb211c80319c');
  });

  it('unreadableHeaders_giveNoContext', () => {
    assert.equal(traceContextFromHeaders({ traceparent: 'garbage' }), null);
    assert.equal(traceContextFromHeaders({}), null);
    assert.deepEqual(traceContextFromHeaders({ 'uber-trace-id': '4c482a9866071599:7fce86b544364257:0:1' }),
      { traceId: '00000000000000004c482a9866071599', spanId: '7fce86b544364257' });
  });
});
