/**
 * Runs a real single-node Cassandra as a child JVM for the one-machine mode: generated configuration,
 * data and logs under the data directory, clear errors when it cannot start, and no node left behind.
 */
@NullMarked
package dev.tracebridge.store.cassandra.embedded;

import org.jspecify.annotations.NullMarked;
