package dev.tracebridge.store.cassandra;

import java.util.List;

/** Table and column names, and the constants the rows use. The CQL itself lives in schema/v*.cql. */
final class Schema {
  /** The schema version this code reads and writes; the keyspace must have it applied. */
  static final int CURRENT_VERSION = 1;

  static final String TRACE_ROWS = "trace_rows";
  static final String SESSION_EVENTS = "session_events";
  static final String TRACES_BY_SERVICE = "traces_by_service";
  static final String TRACES_BY_SESSION = "traces_by_session";
  static final String TRACES_BY_VIEW = "traces_by_view";
  static final String TRACES_BY_URL = "traces_by_url";
  static final String SCHEMA_VERSION = "schema_version";
  /** Every table version 1 needs; validation names the missing ones. */
  static final List<String> TABLES = List.of(TRACE_ROWS, SESSION_EVENTS, TRACES_BY_SERVICE, TRACES_BY_SESSION,
      TRACES_BY_VIEW, TRACES_BY_URL, SCHEMA_VERSION);

  /** trace_rows.row_kind of a backend span. */
  static final byte ROW_KIND_SPAN = 0;
  /** trace_rows.row_kind of a RUM resource. */
  static final byte ROW_KIND_RESOURCE = 1;
  /** session_events.bucket of an event with a session id. */
  static final int SESSION_BUCKET = 0;
  /** session_events.document_version of every event that is not a view. */
  static final long NO_DOCUMENT_VERSION = 0;

  /**
   * traces_by_service partitions per service and hour. Four spread a service writing thousands of
   * traces a second over four partitions; a search reads the four in parallel.
   */
  static final int SERVICE_SHARDS = 4;
  /** Index buckets are hours: a search over the last hour reads one or two of them. */
  static final long BUCKET_NANOS = 3_600_000_000_000L;
  /** Bounds an index row when a service names its spans after ids (a known instrumentation mistake). */
  static final int MAX_INDEXED_OPERATIONS = 64;

  private Schema() {}

  static int bucket(long epochNanos) {
    return Math.toIntExact(Math.floorDiv(epochNanos, BUCKET_NANOS));
  }

  static byte shard(long traceKey) {
    return (byte) Math.floorMod(traceKey, SERVICE_SHARDS);
  }
}
