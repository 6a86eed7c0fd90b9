/**
 * The HTTP side of the browser tests, all on 127.0.0.1 with free ports (each port is an origin):
 * the test app and its same-origin API, three cross-origin APIs (CORS allowing the trace headers with
 * and without Timing-Allow-Origin, and CORS not allowing them), a fake Tracebridge intake that records
 * what it receives, and a fake API that joins what the backends received with what the intake got,
 * with the propagation verdicts an engine would have decided (see engineVerdict).
 */
import http from 'node:http';
import { appPage, cspPage, sdkPage } from './pages.js';

/** Every header the extension may inject, as a backend that accepts them lists them in its preflight answer. */
const TRACE_HEADERS_ALLOWED = 'traceparent, tracestate, b3, x-b3-traceid, x-b3-spanid, x-b3-sampled, uber-trace-id, '
  + 'x-datadog-trace-id, x-datadog-parent-id, x-datadog-origin, x-datadog-sampling-priority, content-type';

/**
 * @typedef {{method: string, path: string, headers: Record<string, string | string[] | undefined>}} Received
 */

/** @param {(req: http.IncomingMessage, res: http.ServerResponse, body: string) => void} handle */
async function listen(handle) {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => handle(req, res, body));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { origin: `http://127.0.0.1:${address.port}`, close: () => new Promise((r) => server.closeAllConnections() || server.close(r)) };
}

/** @param {http.ServerResponse} res @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * A cross-origin API. `allowTraceHeaders`: its preflight lists the trace headers; `timingAllowed`:
 * it sends Timing-Allow-Origin; it always exposes traceresponse and answers with one.
 * @param {Received[]} log
 * @param {{allowTraceHeaders: boolean, timingAllowed: boolean}} cors
 */
function crossOriginApi(log, cors) {
  return listen((req, res) => {
    log.push({ method: String(req.method), path: String(req.url), headers: req.headers });
    const allow = {
      'access-control-allow-origin': String(req.headers.origin ?? '*'),
      'access-control-expose-headers': 'traceresponse',
      ...(cors.timingAllowed ? { 'timing-allow-origin': '*' } : {}),
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...allow,
        'access-control-allow-methods': 'GET, POST',
        ...(cors.allowTraceHeaders ? { 'access-control-allow-headers': TRACE_HEADERS_ALLOWED } : {}),
      });
      res.end();
      return;
    }
    json(res, 200, { ok: true }, { ...allow, traceresponse: serverTraceResponse(req.headers), 'server-timing': 'db;dur=3' });
  });
}

/** The backend continues the browser's trace with its own span id, as an instrumented server would. */
function serverTraceResponse(/** @type {Record<string, any>} */ headers) {
  const traceId = String(headers.traceparent ?? '').split('-')[1] ?? '0'.repeat(32);
  return `00-${traceId}-00f067aa0ba902b7-01`;
}

export async function startServers() {
  /** @type {Received[]} */
  const sameOrigin = [];
  /** @type {Received[]} */
  const corsAllowing = [];
  /** @type {Received[]} */
  const corsAllowingNoTiming = [];
  /** @type {Received[]} */
  const corsRefusing = [];
  /** @type {any[]} */
  const intakeEvents = [];
  /** @type {{status: number, at: number}[]} */
  const intakeRequests = [];
  /** @type {{status: number, headers?: Record<string, string>}[]} answers the intake gives next, then 202 */
  const answers = [];
  /** @type {string[]} trace ids the fake API was asked for */
  const apiLookups = [];
  /** @type {string[]} apps the fake API was asked the propagation-health report of */
  const healthLookups = [];

  const b = await crossOriginApi(corsAllowing, { allowTraceHeaders: true, timingAllowed: true });
  const c = await crossOriginApi(corsAllowingNoTiming, { allowTraceHeaders: true, timingAllowed: false });
  const d = await crossOriginApi(corsRefusing, { allowTraceHeaders: false, timingAllowed: true });
  const apis = { allowing: b.origin, allowingNoTiming: c.origin, refusing: d.origin };

  const app = await listen((req, res) => {
    const url = new URL(String(req.url), 'http://app');
    if (url.pathname === '/app.html' || url.pathname === '/sdk.html' || url.pathname === '/csp.html') {
      const page = url.pathname === '/app.html' ? appPage(apis) : url.pathname === '/sdk.html' ? sdkPage(apis) : cspPage();
      const headers = { 'content-type': 'text/html; charset=utf-8', 'server-timing': 'app;dur=1' };
      if (url.pathname === '/csp.html') headers['content-security-policy'] = "connect-src 'self'";
      res.writeHead(200, headers);
      res.end(page);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    sameOrigin.push({ method: String(req.method), path: String(req.url), headers: req.headers });
    if (url.pathname === '/api/stream') {
      // Headers now, the body never: fetch resolves, but no Resource Timing entry comes while the page lives.
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      return;
    }
    json(res, url.pathname === '/api/fail' ? 500 : 200, { ok: url.pathname !== '/api/fail' });
  });

  const intake = await listen((req, res, body) => {
    if (req.method !== 'POST' || req.url !== '/v1/rum') {
      json(res, 404, { type: 'about:blank', title: 'Not Found', status: 404, detail: `no ${req.method} ${req.url}` });
      return;
    }
    const answer = answers.shift() ?? { status: 202 };
    intakeRequests.push({ status: answer.status, at: Date.now() });
    if (answer.status === 202) intakeEvents.push(...JSON.parse(body));
    json(res, answer.status, {}, answer.headers);
  });

  const api = await listen((req, res) => {
    const url = new URL(String(req.url), 'http://api');
    if (url.pathname === '/api/v1/propagation-health') {
      healthLookups.push(String(url.searchParams.get('app')));
      json(res, 200, healthReport(String(url.searchParams.get('app')), intakeEvents, apis));
      return;
    }
    const match = /^\/api\/v1\/traces\/([0-9a-f]{32})$/.exec(String(req.url));
    if (match === null) {
      json(res, 404, { type: 'about:blank', title: 'Not Found', status: 404, detail: String(req.url) });
      return;
    }
    apiLookups.push(match[1]);
    const trace = joinedTrace(match[1], [...sameOrigin, ...corsAllowing, ...corsAllowingNoTiming, ...corsRefusing], intakeEvents, apis);
    if (trace === null) json(res, 404, { type: 'about:blank', title: 'Not Found', status: 404, detail: `trace ${match[1]}` });
    else json(res, 200, trace);
  });

  return {
    app: app.origin,
    apis,
    intake: intake.origin,
    api: api.origin,
    received: { sameOrigin, corsAllowing, corsAllowingNoTiming, corsRefusing },
    intakeEvents,
    intakeRequests,
    apiLookups,
    healthLookups,
    /** @param {...{status: number, headers?: Record<string, string>}} next answers for the intake's next requests */
    answerIntakeWith: (...next) => answers.push(...next),
    /** Forgets what was received, between tests sharing the servers. */
    reset() {
      for (const log of [sameOrigin, corsAllowing, corsAllowingNoTiming, corsRefusing, intakeEvents, intakeRequests, apiLookups, healthLookups]) log.length = 0;
      answers.length = 0;
    },
    close: () => Promise.all([app, b, c, d, intake, api].map((s) => s.close())),
  };
}

/**
 * What the engine would answer once both sides arrived: a server span whose parent is the span id the
 * browser propagated, a database child span in error, the link to the browser's resource event, and
 * its verdict. A request whose preflight was refused never reached a backend: its trace holds only the
 * browser's resource.
 * @param {string} traceId
 * @param {Received[]} received
 * @param {any[]} intakeEvents
 * @param {{allowingNoTiming: string}} apis
 */
function joinedTrace(traceId, received, intakeEvents, apis) {
  const request = received.find((r) => String(r.headers.traceparent ?? '').split('-')[1] === traceId && r.method !== 'OPTIONS');
  const resource = intakeEvents.find((e) => e.type === 'resource' && String(e.trace?.headers?.traceparent ?? '').includes(traceId));
  if (request === undefined && resource === undefined) return null;
  const verdicts = resource === undefined ? [] : [{ resourceEventId: resource.id, browserSampling: 'sampled', ...engineVerdict(resource, apis) }];
  if (request === undefined) return { traceId, spans: [], rum: { resources: [resource] }, links: [], verdicts };
  const parentSpanId = String(request.headers.traceparent).split('-')[2];
  const start = BigInt(Date.now() - 50) * 1_000_000n;
  const nanos = (/** @type {number} */ ms) => Number(start + BigInt(ms) * 1_000_000n);
  return {
    traceId,
    spans: [
      { spanId: '00f067aa0ba902b7', parentSpanId, service: 'checkout', name: `GET ${request.path}`, kind: 'SERVER',
        startEpochNanos: nanos(2), endEpochNanos: nanos(30), status: 'OK', attributes: {} },
      { spanId: '1a2b3c4d5e6f7a8b', parentSpanId: '00f067aa0ba902b7', service: 'checkout', name: 'SELECT orders', kind: 'CLIENT',
        startEpochNanos: nanos(5), endEpochNanos: nanos(25), status: 'ERROR', attributes: {} },
    ],
    rum: { resources: resource === undefined ? [] : [resource] },
    links: resource === undefined ? [] : [{ resourceEventId: resource.id, propagatedSpanId: parentSpanId, childSpanId: '00f067aa0ba902b7', match: 'exact' }],
    verdicts,
  };
}

/**
 * The engine decides a grace period after arrival; in this fake the period has passed for failed
 * requests (status 0: cors_blocked) and for those to the API without Timing-Allow-Origin (linked), so
 * a test sees both an engine's verdict and the panel's own `linked` from the links (the rest, pending).
 * @param {any} resource @param {{allowingNoTiming: string}} apis
 */
function engineVerdict(resource, apis) {
  if (resource.resource.status_code === 0) return { verdict: 'cors_blocked', reason: 'no edge, and the browser saw no response (status 0)' };
  if (resource.resource.url.startsWith(apis.allowingNoTiming)) return { verdict: 'linked', reason: 'exact edge' };
  return { verdict: 'pending', reason: 'the grace period for backend spans has not passed' };
}

/**
 * The report over the intake's resources of the app: one row per decided verdict (the engine folds
 * hours, URL patterns and formats; the extension sums them anyway).
 * @param {string} app @param {any[]} intakeEvents @param {{allowingNoTiming: string}} apis
 */
function healthReport(app, intakeEvents, apis) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const e of intakeEvents) {
    if (e.type !== 'resource' || e.app?.id !== app || e.trace?.headers?.traceparent === undefined) continue;
    const { verdict } = engineVerdict(e, apis);
    if (verdict !== 'pending') counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
  }
  return {
    app, startEpochNanos: 0, endEpochNanos: 0, partial: false,
    counts: [...counts].map(([verdict, count]) => ({ hourStartEpochNanos: 0, urlPattern: '127.0.0.1/api/{id}', headerFormats: 'w3c', verdict, count, exampleTraceIds: [] })),
  };
}
