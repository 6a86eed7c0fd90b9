/**
 * The Cassandra trace store: schema, one class per CQL statement, bounded asynchronous writes and
 * single-partition reads. {@link dev.tracebridge.store.cassandra.CassandraTraceStore} is the entry point.
 */
@NullMarked
package dev.tracebridge.store.cassandra;

import org.jspecify.annotations.NullMarked;
