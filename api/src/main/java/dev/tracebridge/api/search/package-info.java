/** The search SPI of core on the Cassandra store: an adapter, so trace-store stays free of core.search. */
@NullMarked
package dev.tracebridge.api.search;

import org.jspecify.annotations.NullMarked;
