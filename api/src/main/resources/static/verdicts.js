// What each propagation verdict means and what usually fixes it, in the words an engineer acts on.
// The rules that decide them are in docs/propagation-health.md; the wire names are the API's.

export const LINKED = 'linked';

const EXPLANATIONS = {
  linked: {
    meaning: 'A backend span is the child of the span the browser sent, in the same trace: the request is traced'
      + ' front to back.',
    fix: 'Nothing to do.',
  },
  cors_blocked: {
    meaning: 'The browser got no response (status 0). Trace headers such as traceparent are not CORS-safelisted,'
      + ' so the browser asks the backend first, and the backend\'s preflight refused them (or the response had no'
      + ' CORS headers, or the network failed).',
    fix: 'Let the backend\'s CORS preflight allow the headers: add them (traceparent, tracestate, or b3 /'
      + ' x-datadog-* for those formats) to Access-Control-Allow-Headers, and answer CORS headers on errors too.',
  },
  header_stripped: {
    meaning: 'The request reached an instrumented backend without its trace headers: the backend started a trace'
      + ' of its own.',
    fix: 'A proxy, CDN, API gateway or load balancer in between drops the headers: make it forward traceparent and'
      + ' tracestate (and the other formats\' headers) unchanged.',
  },
  sampled_out: {
    meaning: 'Nobody recorded the request, on purpose: the browser sent "not sampled", or the backend\'s sampler'
      + ' dropped it.',
    fix: 'If these requests matter, raise the browser SDK\'s trace sample rate, or give the backend a parent-based'
      + ' sampler that follows the browser\'s decision.',
  },
  id_mismatch: {
    meaning: 'Backend spans arrived, but their ids do not line up with what the browser sent: a hop re-generated'
      + ' the parent span id, the server re-used the browser\'s span id (B3 shared spans), or only 64 of the 128'
      + ' trace-id bits survived.',
    fix: 'Propagate W3C trace context unchanged through every hop: 128-bit trace ids, no shared spans, no proxy'
      + ' that rewrites the parent id.',
  },
  not_instrumented: {
    meaning: 'No span at all from the backend, and no request of this app to that origin was linked recently: it'
      + ' looks like nothing there is traced.',
    fix: 'Instrument the backend (an OpenTelemetry agent or SDK) and export its spans to Tracebridge, or stop the'
      + ' browser SDK sending headers to that origin (its allowed-tracing-URLs setting).',
  },
};

// Which failure to look at first when two are equally frequent: the ones a configuration change fixes
// come before the ones that may be intended (sampling).
const SEVERITY = ['cors_blocked', 'header_stripped', 'id_mismatch', 'not_instrumented', 'sampled_out'];

/** The meaning and usual fix of a verdict; a verdict this viewer does not know yet still reads sensibly. */
export function explanation(verdict) {
  return EXPLANATIONS[verdict] || {
    meaning: `The engine reported "${verdict}", a verdict this viewer has no explanation for yet.`,
    fix: 'See docs/propagation-health.md.',
  };
}

/** Orders verdicts worst first: the most frequent failure first, linked last. */
export function worstFirst(totals) {
  const rank = (verdict) => (SEVERITY.includes(verdict) ? SEVERITY.indexOf(verdict) : SEVERITY.length);
  return [...totals.keys()].sort((a, b) => (a === LINKED) - (b === LINKED)
    || totals.get(b) - totals.get(a) || rank(a) - rank(b) || a.localeCompare(b));
}
