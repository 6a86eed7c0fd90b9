/**
 * The ingest ports' front: routing, CORS and body limits in front of the receivers' endpoints, and the
 * ingest keys (bound to apps) and per-client rate limits checked on HTTP and OTLP/gRPC alike.
 */
@NullMarked
package dev.tracebridge.api.ingest;

import org.jspecify.annotations.NullMarked;
