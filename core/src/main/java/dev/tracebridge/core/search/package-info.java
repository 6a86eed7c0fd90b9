/**
 * The read side's search SPI: finding traces by what they contain, a session's timeline, the services
 * and operations seen, and the per-minute metric rollups. Every trace store offers it (the Cassandra
 * store implements {@link dev.tracebridge.core.search.TraceSearch} itself), and every store decides a
 * match with {@link dev.tracebridge.core.search.SearchMatcher}; the in-memory implementations here back
 * unit tests and the engine's {@code memory} mode.
 */
@NullMarked
package dev.tracebridge.core.search;

import org.jspecify.annotations.NullMarked;
