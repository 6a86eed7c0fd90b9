/**
 * The end-to-end load benchmark ({@code bench/run-load.sh}): starts the engine as a user does, drives it
 * open-loop with pre-encoded OTLP/gRPC exports and native RUM batches, reads back what it acknowledged,
 * and measures durable spans/s, CPU per span of the engine and of Cassandra, ingest-to-queryable latency,
 * memory, Cassandra mutations and disk bytes per span. Results go to {@code docs/benchmarks.md}.
 */
@NullMarked
package dev.tracebridge.bench.load;

import org.jspecify.annotations.NullMarked;
