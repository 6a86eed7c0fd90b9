/**
 * Grafana Faro as its docs set it up: the web instrumentations plus tracing, posting to the Faro
 * collector URL — here Tracebridge's /v1/rum/faro. Tracing injects traceparent into requests to the
 * backend, a cross-origin URL that must be listed in propagateTraceHeaderCorsUrls.
 */
import { getWebInstrumentations, initializeFaro } from '@grafana/faro-web-sdk';
import { TracingInstrumentation } from '@grafana/faro-web-tracing';

/** @param {{intake: string, api: string, app: string}} config intake and api are origins */
export function start({ intake, api, app }) {
  return initializeFaro({
    url: `${intake}/v1/rum/faro`,
    apiKey: 'e2e-api-key',
    app: { name: app, version: '1.0.0', environment: 'e2e' },
    instrumentations: [
      // Console capture would report the test page's own logging as Faro logs; it adds nothing here.
      ...getWebInstrumentations({ captureConsole: false }),
      new TracingInstrumentation({
        instrumentationOptions: { propagateTraceHeaderCorsUrls: [new RegExp(`^${escapeRegExp(api)}/`)] },
      }),
    ],
  });
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
