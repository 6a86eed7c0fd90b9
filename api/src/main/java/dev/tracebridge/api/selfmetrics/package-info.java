/**
 * The engine's own metrics (ingest rates, refusals by reason, store write latency and in-flight writes,
 * verdicts, queue depths, JVM heap), kept in a small registry and appended to {@code /metrics} in
 * Prometheus' text format.
 */
@NullMarked
package dev.tracebridge.api.selfmetrics;

import org.jspecify.annotations.NullMarked;
