/**
 * Grafana Faro's web SDK: {@code POST /v1/rum/faro} with its JSON
 * {@code {meta, events, exceptions, measurements, logs, traces}} (grafana/faro-web-sdk
 * {@code packages/core/src/transports/types.ts TransportBody}, {@code packages/core/src/metas/types.ts
 * Meta}). Requests appear as {@code faro.tracing.fetch} / {@code faro.tracing.xml-http-request} events,
 * which {@code packages/web-tracing/src/faroTraceExporter.utils.ts sendFaroEvents} derives from each
 * CLIENT span with its trace context and its attributes as strings plus {@code duration_ns}, stamped at
 * the span's end. The embedded OTLP spans are not stored here (the OTLP intake owns them); their start
 * times and Resource Timing events are applied to the matching resources.
 */
@NullMarked
package dev.tracebridge.rum.faro;

import org.jspecify.annotations.NullMarked;
