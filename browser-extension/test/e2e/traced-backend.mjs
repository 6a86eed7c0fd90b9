/**
 * The backend the test page calls, on 127.0.0.1: it answers CORS for the trace headers the extension
 * injects, records what each request carried, and exports its own server span (with a database child)
 * to the engine as OTLP/JSON, continuing the received traceparent — exactly what a backend
 * instrumented with OpenTelemetry sends.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export const SERVICE_NAME = 'extension-e2e-shop';
/** Every header a w3c + datadog origin gets; one missing here makes the page's own request fail (REFERENCE §3). */
const ALLOWED_HEADERS = ['traceparent', 'tracestate', 'x-datadog-trace-id', 'x-datadog-parent-id',
  'x-datadog-origin', 'x-datadog-sampling-priority', 'x-datadog-tags', 'content-type'].join(', ');
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
/** OTLP's enums as numbers, the way OTLP/JSON writes them. */
const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;
const STATUS_OK = 1;
const STATUS_ERROR = 2;
/** A query long enough to show as its own bar in the waterfall, short enough to keep the test quick. */
const QUERY_MS = 5;
const NANOS_PER_MS = 1_000_000n;
const TRACE_ID_BYTES = 16;
const SPAN_ID_BYTES = 8;
/** The wall clock once, then the monotonic clock: span times never run backwards within a run. */
const EPOCH_OFFSET_NANOS = BigInt(Date.now()) * NANOS_PER_MS - process.hrtime.bigint();

/**
 * What the backend does per path: `/api/cart` reads (200), `/api/orders` writes and its insert fails (500).
 * @type {Record<string, {status: number, query: string, queryError: string | null}>}
 */
const ROUTES = {
  '/api/cart': { status: 200, query: 'SELECT cart', queryError: null },
  '/api/orders': { status: 500, query: 'INSERT orders', queryError: 'deadlock detected' },
};

/**
 * @typedef {{method: string, path: string, headers: Record<string, string>, traceId: string,
 *            parentSpanId: string | null, spanId: string, querySpanId: string}} ServedRequest
 * @typedef {{path: string, status: number, body: string}} Export
 */

/**
 * @param {number} port where to listen (the Java test picked a free one)
 * @param {string} ingest the engine's ingest origin, e.g. http://127.0.0.1:4318
 */
export async function startTracedBackend(port, ingest) {
  /** @type {ServedRequest[]} */
  const served = [];
  /** @type {{method: string, requestHeaders: string}[]} */
  const preflights = [];
  /** @type {Promise<Export>[]} */
  const exports = [];

  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      void handle(req, res).catch((error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
  });

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  async function handle(req, res) {
    const cors = { 'access-control-allow-origin': String(req.headers.origin ?? '*'), 'timing-allow-origin': '*' };
    if (req.method === 'OPTIONS') {
      preflights.push({ method: String(req.headers['access-control-request-method']),
        requestHeaders: String(req.headers['access-control-request-headers'] ?? '') });
      res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': ALLOWED_HEADERS });
      res.end();
      return;
    }
    const path = new URL(String(req.url), 'http://backend').pathname;
    const route = ROUTES[path];
    if (route === undefined) {
      res.writeHead(404, { ...cors, 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: `no route ${path}` }));
      return;
    }
    const start = nowNanos();
    const incoming = TRACEPARENT.exec(String(req.headers.traceparent ?? ''));
    // No traceparent: a real backend starts a trace of its own, which no browser event points at.
    const traceId = incoming?.[1] ?? randomHex(TRACE_ID_BYTES);
    const request = {
      method: String(req.method), path, headers: flatHeaders(req.headers), traceId,
      parentSpanId: incoming?.[2] ?? null, spanId: randomHex(SPAN_ID_BYTES), querySpanId: randomHex(SPAN_ID_BYTES),
    };
    served.push(request);
    const queryStart = nowNanos();
    await sleep(QUERY_MS);
    const queryEnd = nowNanos();
    res.writeHead(route.status, { ...cors, 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: route.status < 400 }));
    const spans = [
      span(request, request.spanId, request.parentSpanId, `${request.method} ${path}`, SPAN_KIND_SERVER, start, nowNanos(),
        route.status >= 500 ? STATUS_ERROR : STATUS_OK, route.status >= 500 ? `HTTP ${route.status}` : '',
        { 'http.request.method': request.method, 'url.path': path, 'http.response.status_code': route.status }),
      span(request, request.querySpanId, request.spanId, route.query, SPAN_KIND_CLIENT, queryStart, queryEnd,
        route.queryError === null ? STATUS_OK : STATUS_ERROR, route.queryError ?? '', { 'db.system.name': 'postgresql' }),
    ];
    // Exported after answering, as a span processor does; flush() waits for it.
    exports.push(exportSpans(ingest, path, spans));
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    served,
    preflights,
    /** @returns {Promise<Export[]>} every export so far, once the engine answered each */
    flush: () => Promise.all(exports),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve(undefined)); }),
  };
}

/**
 * One OTLP/JSON span: ids as hex, times as decimal strings of epoch nanoseconds.
 * @param {ServedRequest} request @param {string} spanId @param {string | null} parentSpanId @param {string} name
 * @param {number} kind @param {bigint} start @param {bigint} end @param {number} statusCode @param {string} message
 * @param {Record<string, string | number>} attributes
 */
function span(request, spanId, parentSpanId, name, kind, start, end, statusCode, message, attributes) {
  return {
    traceId: request.traceId,
    spanId,
    ...(parentSpanId === null ? {} : { parentSpanId }),
    name,
    kind,
    startTimeUnixNano: String(start),
    endTimeUnixNano: String(end),
    attributes: Object.entries(attributes).map(([key, value]) => ({
      key, value: typeof value === 'number' ? { intValue: value } : { stringValue: value },
    })),
    status: { code: statusCode, ...(message === '' ? {} : { message }) },
  };
}

/** @param {string} ingest @param {string} path @param {object[]} spans @returns {Promise<Export>} */
async function exportSpans(ingest, path, spans) {
  const body = {
    resourceSpans: [{
      resource: { attributes: [{ key: 'service.name', value: { stringValue: SERVICE_NAME } }] },
      scopeSpans: [{ scope: { name: 'tracebridge-extension-e2e', version: '1' }, spans }],
    }],
  };
  try {
    const response = await fetch(`${ingest}/v1/traces`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    return { path, status: response.status, body: await response.text() };
  } catch (error) {
    return { path, status: 0, body: String(error) };
  }
}

/** Epoch nanoseconds. */
function nowNanos() {
  return EPOCH_OFFSET_NANOS + process.hrtime.bigint();
}

/** @param {number} bytes */
function randomHex(bytes) {
  return randomBytes(bytes).toString('hex');
}

/** @param {http.IncomingHttpHeaders} headers names lower-cased by node, repeated ones joined */
function flatHeaders(headers) {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : String(value)]));
}
