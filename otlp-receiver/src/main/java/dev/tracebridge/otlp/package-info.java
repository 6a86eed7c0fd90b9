/**
 * The OTLP trace receiver: decodes OTLP/gRPC, OTLP/HTTP protobuf and OTLP/JSON exports into the core
 * model and hands them to a {@link dev.tracebridge.core.ingest.TelemetrySink}. It knows no storage; it
 * answers the client only once the sink said the spans are durable or refused them.
 */
@NullMarked
package dev.tracebridge.otlp;

import org.jspecify.annotations.NullMarked;
