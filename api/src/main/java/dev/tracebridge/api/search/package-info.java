/**
 * The read side's store adapters: the listing of a minute's traces the metric rollup pass reads
 * ({@link dev.tracebridge.api.search.MinuteTraces}), and the batched reading of joined traces behind
 * search results. (The Cassandra store implements core's search SPI itself.)
 */
@NullMarked
package dev.tracebridge.api.search;

import org.jspecify.annotations.NullMarked;
