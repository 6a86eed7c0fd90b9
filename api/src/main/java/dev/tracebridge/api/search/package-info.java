/**
 * The read side's store adapters: core's search SPI on the Cassandra store, the listing of a minute's
 * traces the metric rollup pass reads ({@link dev.tracebridge.api.search.MinuteTraces}), and the batched
 * reading of joined traces behind search results.
 */
@NullMarked
package dev.tracebridge.api.search;

import org.jspecify.annotations.NullMarked;
