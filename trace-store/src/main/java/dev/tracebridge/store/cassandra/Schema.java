package dev.tracebridge.store.cassandra;

import java.util.List;
import java.util.stream.Stream;

/** Table and column names, and the constants the rows use. The CQL itself lives in schema/v*.cql. */
final class Schema {
  /** The schema version this code reads and writes; the keyspace must have it applied. */
  static final int CURRENT_VERSION = 5;

  static final String TRACE_ROWS = "trace_rows";
  static final String SESSION_EVENTS = "session_events";
  static final String TRACES_BY_SERVICE = "traces_by_service";
  static final String TRACES_BY_SESSION = "traces_by_session";
  static final String TRACES_BY_VIEW = "traces_by_view";
  static final String TRACES_BY_URL = "traces_by_url";
  static final String TRACES_BY_MINUTE = "traces_by_minute";
  static final String SERVICES_BY_DAY = "services_by_day";
  static final String METRIC_ROLLUPS = "metric_rollups";
  static final String SCHEMA_VERSION = "schema_version";
  /** Every table version 1 needs; validation names the missing ones. */
  static final List<String> TABLES = List.of(TRACE_ROWS, SESSION_EVENTS, TRACES_BY_SERVICE, TRACES_BY_SESSION,
      TRACES_BY_VIEW, TRACES_BY_URL, TRACES_BY_MINUTE, SERVICES_BY_DAY, METRIC_ROLLUPS, SCHEMA_VERSION);

  static final String PENDING_CHECKS = "pending_checks";
  static final String VERDICTS = "verdicts";
  static final String VERDICTS_BY_APP = "verdicts_by_app";
  static final String ROOT_SPANS = "root_spans";
  static final String LINKED_ORIGINS = "linked_origins";
  static final String CLOCK_SAMPLES = "clock_samples";
  static final String CHECKER_PROGRESS = "checker_progress";
  /** The tables version 2 adds for propagation health (CassandraVerdictStore). */
  static final List<String> VERDICT_TABLES = List.of(PENDING_CHECKS, VERDICTS, VERDICTS_BY_APP, ROOT_SPANS,
      LINKED_ORIGINS, CLOCK_SAMPLES, CHECKER_PROGRESS);
  /** Every table through version 4: versions 3 and 4 changed options and rows, not tables. */
  private static final List<String> TABLES_THROUGH_V4 = Stream.concat(TABLES.stream(), VERDICT_TABLES.stream())
      .toList();
  /** The table version 5 adds: the apps with verdicts, per hour (VerdictAppCatalog). */
  static final String VERDICT_APPS = "verdict_apps";
  /** Every table of every version: what validation and the schema installer wait for. */
  static final List<String> ALL_TABLES = Stream.concat(TABLES_THROUGH_V4.stream(), Stream.of(VERDICT_APPS)).toList();

  /** trace_rows.row_kind of a backend span. */
  static final byte ROW_KIND_SPAN = 0;
  /** trace_rows.row_kind of a RUM resource. */
  static final byte ROW_KIND_RESOURCE = 1;
  /** trace_rows.row_kind of a chunk of backend spans (schema v3, see TraceChunks). */
  static final byte ROW_KIND_SPAN_CHUNK = 2;
  /** trace_rows.row_kind of a chunk of RUM resources (schema v3). */
  static final byte ROW_KIND_RESOURCE_CHUNK = 3;
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
  /**
   * traces_by_minute partitions per minute. At 50,000 spans/s in 10-span traces a minute holds 300,000
   * trace writes: eight partitions keep each near 1.5 MB and spread the minute's index writes over eight
   * token ranges; the rollup pass reads the eight in parallel once a minute.
   */
  static final int MINUTE_SHARDS = 8;
  static final long NANOS_PER_MINUTE = 60_000_000_000L;
  /** pending_checks partitions per arrival minute: four spread a busy minute over four partitions. */
  static final int CHECK_SHARDS = 4;
  /**
   * root_spans partitions per method, path and ten minutes: a fallback lookup of ±15 minutes reads four
   * partitions, and a busy endpoint's partition holds ten minutes of its parentless requests.
   */
  static final long ROOT_SPAN_BUCKET_NANOS = 600_000_000_000L;
  /** The checker_progress row of the propagation checker. */
  static final String PROPAGATION_CHECKER = "propagation";
  /** Bounds an index row when a service names its spans after ids (a known instrumentation mistake). */
  static final int MAX_INDEXED_OPERATIONS = 64;

  private Schema() {}

  /** The tables a keyspace has once schema {@code version} is applied. */
  static List<String> tablesThrough(int version) {
    if (version >= 5) return ALL_TABLES;
    return version >= 2 ? TABLES_THROUGH_V4 : TABLES;
  }

  static int bucket(long epochNanos) {
    return Math.toIntExact(Math.floorDiv(epochNanos, BUCKET_NANOS));
  }

  static byte shard(long traceKey) {
    return (byte) Math.floorMod(traceKey, SERVICE_SHARDS);
  }

  static long epochMinute(long epochNanos) {
    return Math.floorDiv(epochNanos, NANOS_PER_MINUTE);
  }

  static byte minuteShard(long traceKey) {
    return (byte) Math.floorMod(traceKey, MINUTE_SHARDS);
  }
}
