package dev.tracebridge.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.tracebridge.core.ingest.IngestRefusedException;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumAction;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumLongTask;
import dev.tracebridge.core.storage.TestTelemetry;
import dev.tracebridge.core.storage.TraceRecords;
import dev.tracebridge.core.storage.TraceWrite;
import dev.tracebridge.store.cassandra.embedded.TestNodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the Cassandra store does beyond the shared suite: rows, TTLs, batches, schema checks, failures. */
class CassandraTraceStoreRowsTest {
  private static CqlSession cql;

  @BeforeAll
  static void openRawSession() {
    cql = CqlSession.builder().addContactPoint(SharedNode.node().contactPoint())
        .withLocalDatacenter(SharedNode.node().localDatacenter()).build();
    SharedNode.store();
  }

  @AfterAll
  static void closeRawSession() {
    cql.close();
  }

  @Test
  void traceLargerThanOneBatch_isWrittenInSeveralAndReadWhole() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    List<Span> spans = new ArrayList<>();
    String kilobyte = "x".repeat(1024);
    for (int i = 0; i < 3_000; i++) {
      spans.add(TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null).toBuilder()
          .attributes(Attributes.builder().put("filler", kilobyte).put("i", i).build()).build());
    }

    SharedNode.store().write(TraceWrite.ofSpans(traceId.key(), spans)).toCompletableFuture().get();

    TraceRecords read = SharedNode.store().readTrace(traceId.key()).toCompletableFuture().get();
    assertThat(read.spans()).containsExactlyInAnyOrderElementsOf(spans);
  }

  @Test
  void rows_carryTheRetentionAsTtl() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    SharedNode.store().write(TraceWrite.ofSpans(traceId.key(),
        List.of(TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null)))).toCompletableFuture().get();

    Row row = cql.execute(SimpleStatement.newInstance(
        "SELECT TTL(payload) FROM tracebridge.trace_rows WHERE trace_key = ?", traceId.key().value())).one();

    long retention = CassandraStoreConfig.DEFAULT_RETENTION.toSeconds();
    assertThat((long) row.getInt(0)).isBetween(retention - 60, retention);
  }

  @Test
  void traceWriteOfTenSpans_isOneChunkRowWithoutSummaryColumns() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 10; i++) spans.add(TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null));

    SharedNode.store().write(TraceWrite.ofSpans(traceId.key(), spans)).toCompletableFuture().get();

    List<Row> rows = cql.execute(SimpleStatement.newInstance("SELECT row_kind, service, name, error"
        + " FROM tracebridge.trace_rows WHERE trace_key = ?", traceId.key().value())).all();
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.getByte(0)).isEqualTo(Schema.ROW_KIND_SPAN_CHUNK);
      // Unset, not null: a chunk row writes no tombstones for the v1 summary columns.
      assertThat(row.isNull(1)).isTrue();
      assertThat(row.isNull(2)).isTrue();
    });
  }

  @Test
  void sameExportWrittenTwice_rewritesTheSameChunkRow() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    Span first = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null);
    Span second = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), first.spanId());
    SharedNode.store().writeAll(List.of(TraceWrite.ofSpans(traceId.key(), List.of(first, second))))
        .toCompletableFuture().get();
    // A retry that delivers the same spans in another order hashes to the same chunk id.
    SharedNode.store().writeAll(List.of(TraceWrite.ofSpans(traceId.key(), List.of(second, first))))
        .toCompletableFuture().get();

    long rows = cql.execute(SimpleStatement.newInstance("SELECT COUNT(*) FROM tracebridge.trace_rows"
        + " WHERE trace_key = ?", traceId.key().value())).one().getLong(0);
    assertThat(rows).isEqualTo(1);
    assertThat(SharedNode.store().readTrace(traceId.key()).toCompletableFuture().get().spans())
        .containsExactlyInAnyOrder(first, second);
  }

  @Test
  void exportOfThreeTraces_indexRowsShareOneServicePartitionAndOneMinutePartition() throws Exception {
    // A random moment in the first 50 s of a minute of 2023: the three spans start in the same minute and
    // hour, and the time range read below holds only this test's rows.
    long start = 1_699_999_980_000_000_000L + java.util.concurrent.ThreadLocalRandom.current().nextLong(50_000_000_000L);
    List<TraceWrite> writes = new ArrayList<>();
    String service = "export-" + UUID.randomUUID();
    for (int i = 0; i < 3; i++) {
      TraceId traceId = TestTelemetry.randomTraceId();
      writes.add(TraceWrite.ofSpans(traceId.key(), List.of(TestTelemetry.fullSpan(traceId,
          TestTelemetry.randomSpanId(), null).toBuilder().resource(new dev.tracebridge.core.model.Resource(
              Attributes.builder().put("service.name", service).build(), 0, ""))
          .startEpochNanos(start + i).endEpochNanos(start + i + 1_000).build())));
    }

    SharedNode.store().writeAll(writes).toCompletableFuture().get();

    List<Row> byService = cql.execute(SimpleStatement.newInstance("SELECT shard, trace_key FROM"
        + " tracebridge.traces_by_service WHERE service = ? AND bucket = ? AND shard IN (0, 1, 2, 3)", service,
        Schema.bucket(start))).all();
    assertThat(byService).hasSize(3);
    assertThat(byService.stream().map(r -> r.getByte(0)).distinct().toList())
        .containsExactly(Schema.shard(writes.get(0).key().value()));
    long listed = cql.execute(SimpleStatement.newInstance("SELECT COUNT(*) FROM tracebridge.traces_by_minute"
        + " WHERE epoch_minute = ? AND shard = ? AND start_nanos >= ? AND start_nanos <= ?",
        Schema.epochMinute(start), Schema.minuteShard(writes.get(0).key().value()), start, start + 2))
        .one().getLong(0);
    assertThat(listed).isEqualTo(3);
  }

  @Test
  void versionOneRowsAndChunkRowsOfOneTrace_readBackOnceEach() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    Span legacy = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null);
    Span both = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), legacy.spanId());
    for (Span span : List.of(legacy, both)) {
      // A row as engines of schema v1 and v2 wrote it: one span per row, kind 0.
      cql.execute(SimpleStatement.newInstance("INSERT INTO tracebridge.trace_rows (trace_key, row_kind, row_id,"
          + " payload) VALUES (?, 0, ?, ?)", traceId.key().value(),
          java.nio.ByteBuffer.wrap(span.spanId().toHex().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
          java.nio.ByteBuffer.wrap(dev.tracebridge.store.cassandra.codec.SpanCodec.encode(span))));
    }
    Span fresh = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), legacy.spanId());
    SharedNode.store().write(TraceWrite.ofSpans(traceId.key(), List.of(both, fresh))).toCompletableFuture().get();

    TraceRecords read = SharedNode.store().readTrace(traceId.key()).toCompletableFuture().get();

    assertThat(read.spans()).containsExactlyInAnyOrder(legacy, both, fresh);
  }

  @Test
  void tables_useTimeWindowCompactionAlignedToRetention() {
    Row row = cql.execute("SELECT compaction, default_time_to_live FROM system_schema.tables"
        + " WHERE keyspace_name = 'tracebridge' AND table_name = 'trace_rows'").one();

    assertThat(row.getMap(0, String.class, String.class))
        .containsEntry("class", "org.apache.cassandra.db.compaction.TimeWindowCompactionStrategy")
        .containsEntry("compaction_window_unit", "HOURS")
        .containsEntry("compaction_window_size", "6");
    assertThat(row.getInt(1)).isEqualTo(604_800);
  }

  @Test
  void schemaVersion_recordsVersionOne() {
    Row row = cql.execute("SELECT version, description FROM tracebridge.schema_version WHERE version = 1").one();

    assertThat(row).isNotNull();
    assertThat(row.getString(1)).isEqualTo("trace rows, session events, search indexes");
  }

  @Test
  void unreadableRow_isSkippedAndTheRestOfTheTraceRead() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    Span span = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null);
    SharedNode.store().write(TraceWrite.ofSpans(traceId.key(), List.of(span))).toCompletableFuture().get();
    cql.execute(SimpleStatement.newInstance("INSERT INTO tracebridge.trace_rows (trace_key, row_kind, row_id,"
        + " payload) VALUES (?, 0, 0x01, 0x09ffff)", traceId.key().value()));

    TraceRecords read = SharedNode.store().readTrace(traceId.key()).toCompletableFuture().get();

    assertThat(read.spans()).containsExactly(span);
  }

  @Test
  void unreadableChunk_isSkippedAndTheRestOfTheTraceRead() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    Span span = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null);
    SharedNode.store().write(TraceWrite.ofSpans(traceId.key(), List.of(span))).toCompletableFuture().get();
    // A chunk claiming two records of 255 bytes in a 3-byte blob.
    cql.execute(SimpleStatement.newInstance("INSERT INTO tracebridge.trace_rows (trace_key, row_kind, row_id,"
        + " payload) VALUES (?, 2, 0x01, 0x0102000000ff)", traceId.key().value()));

    TraceRecords read = SharedNode.store().readTrace(traceId.key()).toCompletableFuture().get();

    assertThat(read.spans()).containsExactly(span);
  }

  @Test
  void eventsWithoutSession_readBackUnderTheEmptySessionInTimeOrder() throws Exception {
    String app = "app-" + UUID.randomUUID();
    RumContext noSession = RumContext.of(app, null, null, null);
    RumEvent later = new RumAction("a-" + UUID.randomUUID(), noSession, 2_000, 5, "click", "Buy", Attributes.empty());
    RumEvent earlier = new RumLongTask("l-" + UUID.randomUUID(), noSession, 1_000, 60_000_000, Attributes.empty());

    SharedNode.store().writeSessionEvents(List.of(later, earlier)).toCompletableFuture().get();

    assertThat(SharedNode.store().readSession(app, "").toCompletableFuture().get()).containsExactly(earlier, later);
  }

  @Test
  void sessionEventsOfSeveralSessions_eachReadBackAlone() throws Exception {
    String app = "app-" + UUID.randomUUID();
    RumEvent a = new RumAction("a", new RumContext(app, "s-a", "v", null, null, Map.of()), 1, 0, "click", "x",
        Attributes.empty());
    RumEvent b = new RumAction("b", new RumContext(app, "s-b", "v", null, null, Map.of()), 1, 0, "click", "y",
        Attributes.empty());

    SharedNode.store().writeSessionEvents(List.of(a, b)).toCompletableFuture().get();

    assertThat(SharedNode.store().readSession(app, "s-a").toCompletableFuture().get()).containsExactly(a);
    assertThat(SharedNode.store().readSession(app, "s-b").toCompletableFuture().get()).containsExactly(b);
  }

  @Test
  void validateOnly_existingSchema_connects() {
    try (CassandraTraceStore store = CassandraTraceStore.connect(SharedNode.config().applySchema(false).build())) {
      assertThat(store.isHealthy()).isTrue();
    }
  }

  @Test
  void validateOnly_missingKeyspace_saysHowToCreateIt() {
    String keyspace = "absent_" + Long.toHexString(System.nanoTime());

    assertThatThrownBy(() -> CassandraTraceStore.connect(
        SharedNode.config().keyspace(keyspace).applySchema(false).build()))
        .isInstanceOf(CassandraStoreException.class)
        .hasMessageStartingWith("Keyspace '" + keyspace + "' does not exist.")
        .hasMessageContaining("with schema application allowed");
  }

  @Test
  void validateOnly_missingTables_namesThem() {
    String keyspace = "partial_" + Long.toHexString(System.nanoTime());
    cql.execute(SimpleStatement.newInstance("CREATE KEYSPACE " + keyspace
        + " WITH replication = {'class':'SimpleStrategy','replication_factor':1}").setTimeout(Duration.ofSeconds(30)));
    cql.execute(SimpleStatement.newInstance("CREATE TABLE " + keyspace + ".trace_rows (trace_key bigint PRIMARY KEY)")
        .setTimeout(Duration.ofSeconds(30)));

    assertThatThrownBy(() -> CassandraTraceStore.connect(
        SharedNode.config().keyspace(keyspace).applySchema(false).build()))
        .isInstanceOf(CassandraStoreException.class)
        .hasMessageStartingWith("Keyspace '" + keyspace + "' lacks the tables [session_events, traces_by_service,"
            + " traces_by_session, traces_by_view, traces_by_url, traces_by_minute, services_by_day, metric_rollups,"
            + " schema_version");
  }

  @Test
  void applySchema_newKeyspace_createdWithTheConfiguredReplicationAndRetention() throws Exception {
    String keyspace = "fresh_" + Long.toHexString(System.nanoTime());

    try (CassandraTraceStore store = CassandraTraceStore.connect(SharedNode.config().keyspace(keyspace)
        .replication("{'class':'NetworkTopologyStrategy','datacenter1':1}").retention(Duration.ofDays(30)).build())) {
      TraceId traceId = TestTelemetry.randomTraceId();
      Span span = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null);
      store.write(TraceWrite.ofSpans(traceId.key(), List.of(span))).toCompletableFuture().get();
      assertThat(store.readTrace(traceId.key()).toCompletableFuture().get().spans()).containsExactly(span);
    }
    Row keyspaceRow = cql.execute(SimpleStatement.newInstance(
        "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace)).one();
    assertThat(keyspaceRow.getMap(0, String.class, String.class))
        .containsEntry("class", "org.apache.cassandra.locator.NetworkTopologyStrategy")
        .containsEntry("datacenter1", "1");
    Row table = cql.execute(SimpleStatement.newInstance("SELECT compaction, default_time_to_live"
        + " FROM system_schema.tables WHERE keyspace_name = ? AND table_name = 'session_events'", keyspace)).one();
    assertThat(table.getInt(1)).isEqualTo(30 * 86_400);
    assertThat(table.getMap(0, String.class, String.class)).containsEntry("compaction_window_size", "24");
  }

  @Test
  void noCassandraListening_failsNamingTheAddress() {
    int port = TestNodes.freePort();

    assertThatThrownBy(() -> CassandraTraceStore.connect(CassandraStoreConfig.of(
        CassandraStoreConfig.parseContactPoints("127.0.0.1:" + port), "datacenter1")))
        .isInstanceOf(CassandraStoreException.class)
        .hasMessageStartingWith("Cannot connect to Cassandra at [127.0.0.1:" + port + "]");
  }

  @Test
  void wrongDatacenter_failsNamingIt() {
    assertThatThrownBy(() -> CassandraTraceStore.connect(SharedNode.config().localDatacenter("nowhere").build()))
        .isInstanceOf(CassandraStoreException.class)
        .hasMessageContaining("has no node in datacenter 'nowhere' that answers");
  }

  @Test
  void closedStore_refusesWritesAsUnavailable() {
    CassandraTraceStore store = CassandraTraceStore.connect(SharedNode.config().build());
    store.close();
    TraceId traceId = TestTelemetry.randomTraceId();

    assertThatThrownBy(() -> store.write(TraceWrite.ofSpans(traceId.key(),
        List.of(TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null)))).toCompletableFuture()
        .get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).cause()
        .isInstanceOfSatisfying(IngestRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(IngestRefusedException.Reason.STORAGE_UNAVAILABLE));
    assertThat(store.isHealthy()).isFalse();
  }

  @Test
  void emptyWrites_completeWithoutTouchingCassandra() throws Exception {
    CassandraTraceStore store = SharedNode.store();

    assertThat(store.write(TraceWrite.ofSpans(TestTelemetry.randomTraceId().key(), List.of()))
        .toCompletableFuture().get()).isNull();
    assertThat(store.writeSessionEvents(List.of()).toCompletableFuture().get()).isNull();
  }

}
