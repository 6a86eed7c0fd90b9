/**
 * The RUM intakes on the ingest port: {@link dev.tracebridge.rum.NativeRumEndpoint} ({@code /v1/rum}),
 * {@link dev.tracebridge.rum.DatadogRumEndpoint} ({@code /v1/rum/datadog}),
 * {@link dev.tracebridge.rum.GuanceRumEndpoint} ({@code /v1/write/rum}) and
 * {@link dev.tracebridge.rum.FaroEndpoint} ({@code /v1/rum/faro}), each configured by
 * {@link dev.tracebridge.rum.RumIntakeSettings}. The api module routes to them after CORS and the raw body
 * size check.
 */
@NullMarked
package dev.tracebridge.rum;

import org.jspecify.annotations.NullMarked;
