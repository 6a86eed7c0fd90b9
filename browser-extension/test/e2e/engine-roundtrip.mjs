/**
 * The extension against a real Tracebridge engine, front to back:
 *
 *   node test/e2e/engine-roundtrip.mjs <ingest URL> <API URL> <backend port>
 *
 * starts a backend on 127.0.0.1:<backend port> that exports its own spans to the engine, and an app
 * page on another origin; launches headless Chromium with the unpacked extension (dist/) pointed at the
 * engine; the page fetches and XHRs the backend. It then checks that the backend received traceparent
 * and x-datadog-* headers, that the engine joined each request to the backend's span, and that the
 * DevTools panel shows each request as linked with its waterfall. Progress goes to stderr; one JSON
 * summary line goes to stdout. Exit code 0 only when every step passed (1: a step failed, 2: usage).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { eventually, launchWithExtension, openPage } from '../browser/browser.js';
import { APP_PATH, FETCH_PATH, XHR_PATH, startAppServer } from './app-server.mjs';
import { SERVICE_NAME, startTracedBackend } from './traced-backend.mjs';
import { awaitJoin } from './engine-api.mjs';
import { openPanel } from './panel-view.mjs';

/** Browser start ~2 s, page and calls ~1 s, two joins ≤ 30 s each, the panel ≤ 15 s each: a hang past this. */
const WATCHDOG_MS = 150_000;
/** Closing Chromium takes a second; past this the run ends without waiting for it. */
const CLOSE_TIMEOUT_MS = 15_000;
/** The page hide hands the events over at once; the worker's one request to the intake follows. */
const DELIVERY_TIMEOUT_MS = 10_000;
/** CDP delivers a console message within milliseconds of the request that caused it. */
const CONSOLE_TIMEOUT_MS = 2_000;
const APP_NAME = 'extension-e2e';
/** Enough randomness that two runs against one engine never share a test session label. */
const TEST_SESSION_BYTES = 6;
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;
/** The browser's own line for the backend's 500, with or without the extension. */
const OWN_CONSOLE_ERRORS = ['Failed to load resource: the server responded with a status of 500 (Internal Server Error)'];
const MAX_PORT = 65_535;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
const USAGE = 'usage: node test/e2e/engine-roundtrip.mjs <ingest URL> <API URL> <backend port>';

const summary = {
  ok: false,
  testSession: `e2e-${randomBytes(TEST_SESSION_BYTES).toString('hex')}`,
  backendService: SERVICE_NAME,
  /** @type {{name: string, ok: boolean, ms: number, error?: string}[]} */
  steps: [],
  /** @type {Record<string, any>[]} one per request the page made */
  requests: [],
  /** @type {Record<string, any> | null} */
  extension: null,
  /** @type {string | null} */
  failure: null,
};

/** @param {string} name @param {() => Promise<void>} run */
async function step(name, run) {
  const started = Date.now();
  process.stderr.write(`[engine-roundtrip] ${name}\n`);
  try {
    await run();
    summary.steps.push({ name, ok: true, ms: Date.now() - started });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    summary.steps.push({ name, ok: false, ms: Date.now() - started, error: message });
    summary.failure = `${name}: ${message}`;
    throw error;
  }
}

/** @param {string[]} args */
function parseArgs(args) {
  const [ingest, api, port] = args;
  const origin = (/** @type {string | undefined} */ text, /** @type {string} */ what, /** @type {string} */ example) => {
    const url = URL.canParse(String(text)) ? new URL(String(text)) : null;
    if (url === null || !['http:', 'https:'].includes(url.protocol)) {
      throw new Error(`${what}: '${text}' (expected: an http URL such as ${example})`);
    }
    return url.origin;
  };
  const options = {
    ingest: origin(ingest, 'ingest URL', 'http://127.0.0.1:4318'),
    api: origin(api, 'API URL', 'http://127.0.0.1:8080'),
    backendPort: Number(port),
  };
  if (!Number.isInteger(options.backendPort) || options.backendPort < 1 || options.backendPort > MAX_PORT) {
    throw new Error(`backend port: '${port}' (expected: 1 to ${MAX_PORT})`);
  }
  return options;
}

/** @param {{ingest: string, api: string, backendPort: number}} options @param {(close: () => Promise<unknown>) => void} onClose */
async function run({ ingest, api, backendPort }, onClose) {
  /** @type {Awaited<ReturnType<typeof startTracedBackend>>} */ let backend;
  /** @type {Awaited<ReturnType<typeof startAppServer>>} */ let app;
  /** @type {Awaited<ReturnType<typeof launchWithExtension>>} */ let browser;
  /** @type {Awaited<ReturnType<typeof openPage>>} */ let opened;
  let tabId = 0;
  const requests = summary.requests;

  await step('start the backend and the app page server', async () => {
    backend = await startTracedBackend(backendPort, ingest);
    onClose(() => backend.close());
    app = await startAppServer(backend.origin);
    onClose(() => app.close());
  });
  await step('launch Chromium with the extension from dist/', async () => {
    browser = await launchWithExtension();
    onClose(() => browser.close());
    summary.extension = { id: browser.extensionId };
  });
  await step('configure the extension for the engine', async () => {
    const problems = await browser.configure({
      enabled: true, endpoint: ingest, apiBase: api, appName: APP_NAME, testSession: summary.testSession, sampleRate: 1,
      // The app's own origin only gets the scripts (no formats); its calls to the backend get the headers.
      origins: [{ origin: app.origin, formats: [], dnr: false }, { origin: backend.origin, formats: ['w3c', 'datadog'], dnr: false }],
    });
    assert.deepEqual(problems, [], 'the extension accepted the settings');
  });
  await step('the page fetches and XHRs the backend', async () => {
    opened = await openPage(browser.context, app.origin + APP_PATH);
    const outcomes = await opened.page.evaluate(() => /** @type {any} */ (window).runScenario());
    assert.deepEqual(outcomes, [
      { kind: 'fetch', url: backend.origin + FETCH_PATH, status: 200 },
      { kind: 'xhr', url: backend.origin + XHR_PATH, status: 500 },
    ], 'the page saw the backend\'s own answers');
    tabId = await browser.tabIdOf(app.origin + APP_PATH);
    assert.ok(Number.isInteger(tabId), `the extension knows the app's tab (${tabId})`);
    // The browser's line for the 500 may reach us just after the page's own answer did.
    await eventually('the browser to log the backend\'s 500', () => opened.consoleErrors.length >= OWN_CONSOLE_ERRORS.length, CONSOLE_TIMEOUT_MS);
    assert.deepEqual(opened.consoleErrors, OWN_CONSOLE_ERRORS, 'no console error but the page\'s own 500');
    assert.deepEqual(opened.pageErrors, [], 'no uncaught error in the page');
  });
  await step('the backend received traceparent and x-datadog-* headers', async () => {
    assert.deepEqual(backend.served.map((r) => `${r.method} ${r.path}`), [`GET ${FETCH_PATH}`, `POST ${XHR_PATH}`]);
    for (const served of backend.served) {
      const traceparent = served.headers.traceparent;
      const match = TRACEPARENT.exec(String(traceparent));
      assert.ok(match, `${served.path} carried a sampled traceparent: ${JSON.stringify(served.headers)}`);
      const [, traceId, parentSpanId] = match;
      const datadog = {
        traceId: served.headers['x-datadog-trace-id'], parentId: served.headers['x-datadog-parent-id'],
        origin: served.headers['x-datadog-origin'], samplingPriority: served.headers['x-datadog-sampling-priority'],
      };
      // Datadog carries the low 64 bits of the same ids, in decimal (REFERENCE §1).
      assert.deepEqual(datadog, { traceId: BigInt(`0x${traceId.slice(16)}`).toString(10),
        parentId: BigInt(`0x${parentSpanId}`).toString(10), origin: 'rum', samplingPriority: '1' }, `${served.path}'s x-datadog-* headers`);
      assert.equal(served.traceId, traceId, 'the backend continued the browser\'s trace');
      assert.equal(served.parentSpanId, parentSpanId);
      requests.push({ kind: served.method === 'GET' ? 'fetch' : 'xhr', method: served.method, url: backend.origin + served.path,
        traceparent, traceId, parentSpanId, datadog, backendSpanId: served.spanId, querySpanId: served.querySpanId });
    }
    assert.notEqual(requests[0].traceId, requests[1].traceId, 'a fresh trace per request');
    assert.ok(backend.preflights.some((p) => /traceparent/.test(p.requestHeaders) && /x-datadog-trace-id/.test(p.requestHeaders)),
      `the CORS preflight asked for the trace headers: ${JSON.stringify(backend.preflights)}`);
  });
  await step('the backend exported its spans to the engine', async () => {
    const exports = await backend.flush();
    assert.deepEqual(exports.map((e) => e.status), [200, 200], `the engine acknowledged the exports: ${JSON.stringify(exports)}`);
  });
  await step('leaving the page makes the extension deliver its events', async () => {
    await opened.page.goto('about:blank'); // page hide: the page hands its events over at once
    await browser.flush();
    const stats = await eventually('the extension to deliver every queued event', async () => {
      const snapshot = await browser.worker.evaluate(() => /** @type {any} */ (self).tracebridge.snapshot());
      return snapshot.stats.sent > 0 && snapshot.stats.queued === 0 ? snapshot.stats : null;
    }, DELIVERY_TIMEOUT_MS);
    summary.extension = { ...summary.extension, stats };
    assert.equal(stats.lastError, null, 'no delivery error');
    assert.equal(stats.rejected, 0, 'the engine refused nothing');
  });
  await step('the engine joined each request to the backend span', async () => {
    for (const request of requests) {
      const join = await awaitJoin(api, { traceId: request.traceId, url: request.url, spanId: request.backendSpanId });
      request.engine = { waitedMs: join.waitedMs, resourceEventId: join.resource.eventId, link: join.link };
      assert.equal(join.resource.type, request.kind);
      assert.equal(join.resource.method, request.method);
      assert.equal(join.resource.statusCode, request.kind === 'fetch' ? 200 : 500);
      assert.equal(join.resource.spanId, request.parentSpanId, 'the resource carries the span id the backend received');
      assert.equal(join.resource.labels?.test_session, summary.testSession);
      assert.equal(join.span.parentSpanId, request.parentSpanId, 'the backend span continues the browser\'s');
      assert.equal(join.span.service, SERVICE_NAME);
      assert.deepEqual(join.link, { resourceEventId: join.resource.eventId, propagatedSpanId: request.parentSpanId,
        childSpanId: request.backendSpanId, match: 'exact', confidence: 1 });
    }
  });
  await step('the DevTools panel shows each request linked, with its waterfall', async () => {
    const panel = await openPanel(browser.context, browser.extensionId, tabId);
    onClose(() => panel.close());
    assert.equal(await panel.rowCount(), requests.length, 'the panel lists the page\'s two requests');
    for (const request of requests) {
      const view = await panel.linkedRequest(request.traceId);
      request.panel = view;
      assert.equal(view.headersBy, 'injected');
      assert.equal(view.status, request.kind === 'fetch' ? '200' : '500');
      assert.deepEqual(view.bars.map((b) => b.key), [request.engine.resourceEventId, request.backendSpanId, request.querySpanId],
        'the browser request, the backend span under it, the query under that');
      assert.equal(view.bars[0].browser, true);
      assert.equal(view.viewerHref, `${api}/#/traces/${request.traceId}`);
      if (request.kind === 'xhr') {
        assert.match(String(view.errorOrigin), /INSERT orders/, 'the failed insert is the error origin');
        assert.deepEqual(view.bars.filter((b) => b.errorOrigin).map((b) => b.key), [request.querySpanId]);
      } else {
        assert.equal(view.errorOrigin, null, 'nothing failed behind the fetch');
      }
    }
  });
}

/** @param {Array<() => Promise<unknown>>} closers last opened, first closed */
async function closeAll(closers) {
  for (const close of closers.reverse()) {
    await Promise.race([close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS))]);
  }
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    summary.failure = `${error instanceof Error ? error.message : error}; ${USAGE}`;
    process.stderr.write(`${summary.failure}\n`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return EXIT_USAGE;
  }
  /** @type {Array<() => Promise<unknown>>} */
  const closers = [];
  let watchdog;
  const timedOut = new Promise((_, reject) => {
    watchdog = setTimeout(() => reject(new Error(`watchdog: the run took longer than ${WATCHDOG_MS} ms`)), WATCHDOG_MS);
  });
  try {
    await Promise.race([run(options, (close) => closers.push(close)), timedOut]);
    summary.ok = summary.steps.every((s) => s.ok);
  } catch (error) {
    summary.failure ??= error instanceof Error ? error.message : String(error);
    process.stderr.write(`[engine-roundtrip] FAILED: ${summary.failure}\n`);
  } finally {
    clearTimeout(watchdog);
    await closeAll(closers);
  }
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return summary.ok ? 0 : EXIT_FAILED;
}

process.exit(await main());
