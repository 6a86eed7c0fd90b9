/**
 * The query latency load test (bench/run-query.sh): 200-span joined traces stored through the engine's
 * own ingest, then trace by id and per-trace analysis under 16 concurrent clients.
 */
@NullMarked
package dev.tracebridge.bench.query;

import org.jspecify.annotations.NullMarked;
