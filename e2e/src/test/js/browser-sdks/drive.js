/**
 * Opens one test page in headless Chromium, waits for its calls, makes its SDK flush by leaving the
 * page (SDKs send on pagehide / visibilitychange), and prints one JSON line to stdout: the page's
 * result, the posts to the intake the browser reported, and the console. The browser then stays open
 * until stdin closes (or --linger-ms passes): a beacon sent while the page unloads outlives the page
 * and is invisible to DevTools, so only the caller, reading Tracebridge's API, can tell it has arrived.
 *
 *   node drive.js --page=URL --intake=ORIGIN [--await-intake=TEXT ...] [--timeout-ms=N] [--linger-ms=N]
 *
 * --await-intake=TEXT waits, before leaving the page, until a post to the intake whose body contains
 * TEXT was answered: for an SDK that sends part of its data on a timer rather than on page hide.
 * Every wait is bounded, and the browser is closed whatever happens.
 */
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

const CHROMIUM = process.env.TRACEBRIDGE_CHROMIUM ?? '/usr/bin/chromium';
/** REFERENCE.md §5: without the background-networking flags the closed network floods errors. */
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const { values: args } = parseArgs({
  options: {
    page: { type: 'string' },
    intake: { type: 'string' },
    'await-intake': { type: 'string', multiple: true, default: [] },
    'timeout-ms': { type: 'string', default: '30000' },
    'linger-ms': { type: 'string', default: '60000' },
  },
});
if (!args.page || !args.intake) fail('usage: node drive.js --page=URL --intake=ORIGIN');
if (!existsSync(CHROMIUM)) {
  fail(`Chromium is missing at ${CHROMIUM}: apt-get update && apt-get install -y chromium chromium-driver`);
}
const timeoutMs = Number(args['timeout-ms']);

const intakePosts = [];
const consoleLines = [];
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
try {
  const context = await browser.newContext();
  context.setDefaultTimeout(timeoutMs);
  watchIntake(context);
  const page = await context.newPage();
  page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));

  await page.goto(args.page, { timeout: timeoutMs });
  await page.waitForFunction(() => window.tracebridgeResult !== undefined, null, { timeout: timeoutMs });
  const result = await page.evaluate(() => window.tracebridgeResult);
  for (const text of args['await-intake']) await awaitIntakePost(text, timeoutMs);

  // Leaving the page is what flushes an SDK in real life: pagehide and visibilitychange fire.
  await page.goto('about:blank', { timeout: timeoutMs });
  process.stdout.write(`${JSON.stringify({ result, intakePosts: summary(), console: consoleLines })}\n`);
  await stdinClosed(Number(args['linger-ms']));
} catch (error) {
  process.stderr.write(`${error.stack ?? error}\nconsole:\n${consoleLines.join('\n')}\n`
      + `intake posts: ${JSON.stringify(summary())}\n`);
  process.exitCode = 1;
} finally {
  await browser.close();
}

/** Records the posts to the intake that DevTools reports (not the beacons of an unloading page), and their status. */
function watchIntake(context) {
  context.on('request', (request) => {
    if (request.method() !== 'POST' || !request.url().startsWith(args.intake)) return;
    const post = { url: request.url(), body: bodyText(request), status: null };
    intakePosts.push(post);
    request.response()
      .then((response) => { post.status = response ? response.status() : 0; })
      .catch(() => { post.status = 0; });
  });
  context.on('requestfailed', (request) => {
    const post = intakePosts.find((p) => p.url === request.url() && p.status === null);
    if (post) {
      post.status = 0;
      post.failure = request.failure()?.errorText ?? 'failed';
    }
  });
}

/** The intake posts without their bodies, which only --await-intake reads. */
function summary() {
  return intakePosts.map(({ url, status, body, failure }) => ({ url, status, bytes: body.length, failure }));
}

/** The post's body as text, for --await-intake; a compressed body reads as binary noise, which is fine. */
function bodyText(request) {
  try {
    return request.postData() ?? '';
  } catch {
    return '';
  }
}

async function awaitIntakePost(text, timeout) {
  const deadline = Date.now() + timeout;
  while (!intakePosts.some((p) => p.status !== null && p.body.includes(text))) {
    if (Date.now() > deadline) throw new Error(`no intake post containing '${text}' within ${timeout} ms`);
    await sleep(100);
  }
}

/** Resolves when the caller closes stdin, or after `limit` ms if it never does. */
function stdinClosed(limit) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, limit);
    process.stdin.on('end', () => {
      clearTimeout(timer);
      resolve();
    });
    process.stdin.resume();
  });
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
