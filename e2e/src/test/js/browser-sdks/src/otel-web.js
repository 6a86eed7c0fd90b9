/**
 * The OpenTelemetry web SDK as an application sets it up: a WebTracerProvider exporting OTLP/HTTP JSON
 * to Tracebridge's /v1/traces, with the fetch and XHR instrumentations injecting traceparent into
 * requests to the backend (a cross-origin URL, so it must be listed in propagateTraceHeaderCorsUrls).
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { XMLHttpRequestInstrumentation } from '@opentelemetry/instrumentation-xml-http-request';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, WebTracerProvider } from '@opentelemetry/sdk-trace-web';

/**
 * @param {{intake: string, api: string, service: string}} config intake and api are origins
 * @returns {{flush: () => Promise<void>}}
 */
export function start({ intake, api, service }) {
  const provider = new WebTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': service })),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${intake}/v1/traces` })),
    ],
  });
  provider.register();
  const backend = [new RegExp(`^${escapeRegExp(api)}/`)];
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new FetchInstrumentation({ propagateTraceHeaderCorsUrls: backend }),
      new XMLHttpRequestInstrumentation({ propagateTraceHeaderCorsUrls: backend }),
    ],
  });
  return { flush: () => provider.forceFlush() };
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
