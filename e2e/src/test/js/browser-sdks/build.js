/**
 * `npm run build`: bundles the OpenTelemetry web SDK and Grafana Faro entry points for the test pages.
 * Both are published as ES modules for bundlers only, so a page cannot load them from node_modules the
 * way it loads Datadog's prebuilt bundle. The Browser*IT tests run this once per test run.
 */
import { build } from 'esbuild';

const ENTRIES = [
  { entry: 'src/otel-web.js', out: 'dist/otel-web.js', globalName: 'TracebridgeOtelWeb' },
  { entry: 'src/faro.js', out: 'dist/faro.js', globalName: 'TracebridgeFaro' },
];

for (const { entry, out, globalName } of ENTRIES) {
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    format: 'iife',
    globalName,
    platform: 'browser',
    // The headless Chromium of these tests is current; no down-levelling needed.
    target: 'es2022',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}
