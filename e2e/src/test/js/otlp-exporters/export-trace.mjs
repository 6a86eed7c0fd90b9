// Exports one small trace with a real OpenTelemetry JS OTLP exporter and exits 0 only when the
// receiver acknowledged it. Usage:
//   node export-trace.mjs <grpc|proto|http> <endpoint> <traceId> <browserSpanId> <service>
// The trace continues a browser request: its SERVER span's parent is <browserSpanId>, as when a
// traceparent header arrived. A CLIENT child makes the parent link checkable. Prints the span ids as JSON.
import { context, trace, SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as HttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';

// The exporter gives up after this; the watchdog ends the process if something hangs past it.
const EXPORT_TIMEOUT_MILLIS = 10_000;
const WATCHDOG_MILLIS = 25_000;

const [kind, endpoint, traceId, browserSpanId, service] = process.argv.slice(2);
if (!kind || !endpoint || !traceId || !browserSpanId || !service) {
  console.error('usage: node export-trace.mjs <grpc|proto|http> <endpoint> <traceId> <browserSpanId> <service>');
  process.exit(64);
}

const watchdog = setTimeout(() => {
  console.error(`no export result within ${WATCHDOG_MILLIS} ms`);
  process.exit(3);
}, WATCHDOG_MILLIS);
watchdog.unref();

function exporterFor(name) {
  const options = { url: endpoint, timeoutMillis: EXPORT_TIMEOUT_MILLIS };
  switch (name) {
    case 'grpc': return new GrpcExporter(options);
    case 'proto': return new ProtoExporter(options);
    case 'http': return new HttpJsonExporter(options);
    default: throw new Error(`exporter '${name}' (expected: grpc, proto or http)`);
  }
}

// Spans are recorded in memory first, then handed to the OTLP exporter in one export call, so the
// result callback says whether this very export was acknowledged.
const recorded = new InMemorySpanExporter();
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': service, 'service.version': '1.0.0' }),
  spanProcessors: [new SimpleSpanProcessor(recorded)],
});
const tracer = provider.getTracer('tracebridge-e2e-js', '1.0.0');

const browser = trace.setSpanContext(context.active(), {
  traceId,
  spanId: browserSpanId,
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
});
const server = tracer.startSpan('GET /api/stock', {
  kind: SpanKind.SERVER,
  attributes: { 'http.request.method': 'GET', 'url.path': '/api/stock', 'http.response.status_code': 200 },
}, browser);
const query = tracer.startSpan('SELECT stock', {
  kind: SpanKind.CLIENT,
  attributes: { 'db.system.name': 'postgresql', 'db.operation.name': 'SELECT' },
}, trace.setSpan(browser, server));
query.setStatus({ code: SpanStatusCode.ERROR, message: 'lock timeout' });
query.end();
server.end();
await provider.forceFlush();

const exporter = exporterFor(kind);
const result = await new Promise((resolve) => exporter.export(recorded.getFinishedSpans(), resolve));
await exporter.shutdown();
await provider.shutdown();
if (result.code !== ExportResultCode.SUCCESS) {
  console.error(`export failed: ${result.error ?? 'unknown error'}`);
  process.exit(1);
}
console.log(JSON.stringify({
  server: server.spanContext().spanId,
  query: query.spanContext().spanId,
}));
process.exit(0);
