package dev.tracebridge.store.cassandra;

import static java.util.Objects.requireNonNull;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import dev.tracebridge.core.ingest.IngestRefusedException;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.search.SearchQuery;
import dev.tracebridge.core.search.SearchResult;
import dev.tracebridge.core.search.SearchUnsupportedException;
import dev.tracebridge.core.search.SessionTimeline;
import dev.tracebridge.core.search.TraceSearch;
import dev.tracebridge.core.storage.TraceRecords;
import dev.tracebridge.core.storage.TraceStore;
import dev.tracebridge.core.storage.TraceWrite;
import dev.tracebridge.store.cassandra.codec.ChunkCodec;
import dev.tracebridge.store.cassandra.codec.CorruptPayloadException;
import dev.tracebridge.store.cassandra.codec.RumEventCodec;
import dev.tracebridge.store.cassandra.codec.SpanCodec;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The {@link TraceStore} on Cassandra, and its {@link TraceSearch} (see {@link #search}). A
 * {@link TraceWrite} is one chunk row (many spans in one blob, schema v3) in its trace partition; an
 * export's index rows are grouped by partition (see {@link #writeAll}); a trace is one partition read.
 * Writes are bounded: past {@link CassandraStoreConfig#maxInFlightWrites} write requests (exports) or
 * {@link #MAX_IN_FLIGHT_KIB} of payload in flight they are refused at once as
 * {@link IngestRefusedException.Reason#OVERLOADED}, and every driver failure becomes
 * {@link IngestRefusedException.Reason#STORAGE_UNAVAILABLE}, so a receiver can tell its client to retry.
 * Stages complete on the driver's I/O threads: callers that do real work on the result should
 * continue on an executor of their own.
 *
 * <p>Read failures (Cassandra down, a timeout) complete the stage with the driver's
 * {@link DriverException}; rows that cannot be decoded are skipped and logged, so one damaged row never
 * hides a trace (DESIGN.md invariant 6).
 */
public final class CassandraTraceStore implements TraceStore, TraceSearch {
  /** A moment is enough for in-flight writes to drain; the client retries soon after. */
  static final Duration OVERLOADED_RETRY_AFTER = Duration.ofSeconds(1);
  /**
   * Payload KiB the store keeps in flight at most, besides the count of requests. Cassandra limits the
   * bytes in flight per client address (native_transport_max_request_data_in_flight_per_ip, heap / 40:
   * 12.8 MiB on the embedded node's 512 MiB heap) and past it applies backpressure and warns on every
   * request; with only a bound of 1,024 exports (~100 KiB each) a 10,000 spans/s step on a busy machine
   * ran into it (192 warnings logged). It also bounds the wait of a saturated node: what is in flight
   * queues there, and at 8 MiB exports of a 5,000 spans/s step (~2.7 MB/s) waited up to the 5 s request
   * timeout (a slower node than today's). Chunks count their records' size before compression (ChunkCodec
   * format 2 sends a sixth of it): the budget bounds the work waiting at the node, and counted compressed it
   * admitted six times the spans it was tuned for; counted uncompressed, export p99 at 22,500 spans/s fell
   * from 969 to 230 ms at the same sustained rate (docs/benchmarks.md, session 3). 8 MiB is ~0.5 s of
   * 30,000 spans/s (80 exports of 200 spans): 4 MiB (~0.25 s) refused exports in short bursts while the
   * node paused for a garbage collection or a flush, with export p99 at ~200 ms (session 12).
   */
  static final int MAX_IN_FLIGHT_KIB = 8 * 1024;
  private static final int BYTES_PER_KIB = 1024;
  /**
   * What an index row adds to a batch's size estimate: a key, a few numbers and short names. Only
   * batches near {@link StatementBatches#MAX_BATCH_BYTES} are split, so an estimate suffices.
   */
  static final int INDEX_ROW_BYTES = 128;
  /** Long enough for a restarting node or a reconnecting driver, short enough not to lose the client. */
  static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

  /**
   * The most traces one minute listing returns: each shard is read up to this many rows, so it bounds the
   * listing's memory (eight shards of ~40-byte rows: ~16 MB at most).
   */
  public static final int MAX_LISTED_TRACES = 50_000;

  private static final System.Logger LOG = System.getLogger(CassandraTraceStore.class.getName());

  private final CqlSession session;
  private final CassandraStoreConfig config;
  private final Clock clock;
  private final Semaphore inFlight;
  private final Semaphore kibInFlight = new Semaphore(MAX_IN_FLIGHT_KIB);
  private final InsertTraceChunk.Factory insertTraceChunk;
  private final SelectTraceRows.Factory selectTraceRows;
  private final InsertSessionEvent.Factory insertSessionEvent;
  private final SelectSessionEvents.Factory selectSessionEvents;
  private final InsertServiceIndex.Factory insertServiceIndex;
  private final InsertSessionIndex.Factory insertSessionIndex;
  private final InsertViewIndex.Factory insertViewIndex;
  private final InsertUrlIndex.Factory insertUrlIndex;
  private final MinuteIndex minuteIndex;
  private final ServiceCatalog catalog;
  private final IndexedTraceSearch search;

  private CassandraTraceStore(CqlSession session, CassandraStoreConfig config, Clock clock) {
    this.session = session;
    this.config = config;
    this.clock = clock;
    this.inFlight = new Semaphore(config.maxInFlightWrites());
    String keyspace = config.keyspace();
    int ttl = Math.toIntExact(config.retention().toSeconds());
    this.insertTraceChunk = new InsertTraceChunk.Factory(session, keyspace, ttl);
    this.selectTraceRows = new SelectTraceRows.Factory(session, keyspace);
    this.insertSessionEvent = new InsertSessionEvent.Factory(session, keyspace, ttl);
    this.selectSessionEvents = new SelectSessionEvents.Factory(session, keyspace);
    this.insertServiceIndex = new InsertServiceIndex.Factory(session, keyspace, ttl);
    this.insertSessionIndex = new InsertSessionIndex.Factory(session, keyspace, ttl);
    this.insertViewIndex = new InsertViewIndex.Factory(session, keyspace, ttl);
    this.insertUrlIndex = new InsertUrlIndex.Factory(session, keyspace, ttl);
    this.minuteIndex = new MinuteIndex(session, keyspace, ttl);
    this.catalog = new ServiceCatalog(session, keyspace, config.retention(), clock);
    this.search = new IndexedTraceSearch(session, new IndexedTraceSearch.Indexes(
        new SelectServiceIndex.Factory(session, keyspace), new SelectSessionIndex.Factory(session, keyspace),
        new SelectViewIndex.Factory(session, keyspace), new SelectUrlIndex.Factory(session, keyspace)),
        this::readTrace, config.retention(), clock);
  }

  /**
   * Connects, applies (or validates) the schema and prepares every statement.
   *
   * @throws CassandraStoreException when Cassandra cannot be reached or the schema is missing
   */
  public static CassandraTraceStore connect(CassandraStoreConfig config) {
    requireNonNull(config, "config");
    return connect(config, Clock.systemUTC());
  }

  static CassandraTraceStore connect(CassandraStoreConfig config, Clock clock) {
    CqlSession session;
    try {
      session = CqlSession.builder()
          .addContactPoints(resolve(config.contactPoints()))
          .withLocalDatacenter(config.localDatacenter())
          .withConfigLoader(DriverSettings.of(config))
          .build();
    } catch (DriverException e) {
      throw new CassandraStoreException("Cannot connect to Cassandra at " + describe(config.contactPoints())
          + ": " + e.getMessage(), e);
    }
    try {
      if (config.applySchema()) {
        SchemaInstaller.apply(session, config);
      } else {
        SchemaInstaller.validate(session, config.keyspace());
      }
      return new CassandraTraceStore(session, config, clock);
    } catch (NoNodeAvailableException e) {
      // Connected, yet no node to send to: the load balancer ignores nodes outside the local datacenter.
      session.close();
      throw new CassandraStoreException("Cassandra at " + describe(config.contactPoints())
          + " has no node in datacenter '" + config.localDatacenter() + "' that answers; is that the"
          + " cluster's datacenter name? (" + e.getMessage() + ")", e);
    } catch (DriverException e) {
      session.close();
      throw new CassandraStoreException("Cassandra at " + describe(config.contactPoints())
          + " failed the schema setup: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  public CassandraStoreConfig config() {
    return config;
  }

  /** The session, for the stores that share it (CassandraVerdictStore.of, CassandraMetricRollups.of). */
  CqlSession session() {
    return session;
  }

  /** For readiness: the session is open and the driver sees at least one node up. */
  public boolean isHealthy() {
    return !session.isClosed()
        && session.getMetadata().getNodes().values().stream().anyMatch(n -> n.getState() == NodeState.UP);
  }

  @Override
  public CompletionStage<Void> write(TraceWrite write) {
    requireNonNull(write, "write");
    return writeAll(List.of(write));
  }

  /**
   * Writes the trace partitions of one export in as few requests as its partitions allow: per trace, its
   * chunk rows (schema v3: many spans per row) in one request; per index partition, the index rows of
   * every trace of the export that belong there in one unlogged single-partition batch. The export picks
   * one shard for all its service and minute index rows (from its first trace key, so a re-delivered
   * export picks the same), so a 200-span export of 20 traces and two services is ~23 requests, about
   * 0.12 Cassandra mutations per span. The whole export holds one in-flight permit.
   */
  @Override
  public CompletionStage<Void> writeAll(List<TraceWrite> writes) {
    requireNonNull(writes, "writes");
    List<TraceWrite> nonEmpty = new ArrayList<>(writes.size());
    for (TraceWrite write : writes) {
      if (!requireNonNull(write, "write").isEmpty()) nonEmpty.add(write);
    }
    if (nonEmpty.isEmpty()) return CompletableFuture.completedFuture(null);
    long firstKey = nonEmpty.get(0).key().value();
    byte serviceShard = Schema.shard(firstKey);
    byte minuteShard = Schema.minuteShard(firstKey);
    StatementBatches batches = new StatementBatches();
    // Index rows by the partition they go to (table name first, then its partition key columns).
    Map<List<Object>, List<BoundStatement>> indexRows = new LinkedHashMap<>();
    Set<ServiceCatalog.Entry> catalogRows = new LinkedHashSet<>();
    for (TraceWrite write : nonEmpty) {
      TraceKey key = write.key();
      for (TraceChunks.Chunk chunk : TraceChunks.of(write)) {
        batches.add(insertTraceChunk.chunk(key, chunk), ChunkCodec.recordBytes(chunk.payload()));
      }
      batches.finishPartition();
      TraceIndexEntries index = TraceIndexEntries.of(write);
      for (TraceIndexEntries.Service e : index.services()) {
        indexRow(indexRows, List.of(Schema.TRACES_BY_SERVICE, e.service(), Schema.bucket(e.startNanos())),
            insertServiceIndex.entry(key, serviceShard, e));
      }
      for (TraceIndexEntries.Session e : index.sessions()) {
        indexRow(indexRows, List.of(Schema.TRACES_BY_SESSION, e.appId(), e.sessionId()),
            insertSessionIndex.entry(key, e));
      }
      for (TraceIndexEntries.View e : index.views()) {
        indexRow(indexRows, List.of(Schema.TRACES_BY_VIEW, e.appId(), e.viewId()), insertViewIndex.entry(key, e));
      }
      for (TraceIndexEntries.Url e : index.urls()) {
        indexRow(indexRows, List.of(Schema.TRACES_BY_URL, e.appId(), e.pattern(), Schema.bucket(e.startNanos())),
            insertUrlIndex.entry(key, e));
      }
      indexRow(indexRows, List.of(Schema.TRACES_BY_MINUTE, Schema.epochMinute(index.started().startNanos())),
          minuteIndex.entry(key, minuteShard, index.started()));
      catalogRows.addAll(catalog.unstored(index));
    }
    for (ServiceCatalog.Entry e : catalogRows) {
      indexRow(indexRows, List.of(Schema.SERVICES_BY_DAY, e.day()), catalog.statement(e));
    }
    // Index rows live in partitions of their own: acknowledged together with the trace rows, so a trace
    // readable by id is also findable.
    for (List<BoundStatement> rows : indexRows.values()) {
      for (BoundStatement row : rows) batches.add(row, INDEX_ROW_BYTES);
      batches.finishPartition();
    }
    CompletionStage<Void> stored = execute(batches);
    if (catalogRows.isEmpty()) return stored;
    List<ServiceCatalog.Entry> remembered = List.copyOf(catalogRows);
    return stored.thenApply(done -> {
      catalog.stored(remembered);
      return null;
    });
  }

  private static void indexRow(Map<List<Object>, List<BoundStatement>> rows, List<Object> partition,
      BoundStatement row) {
    rows.computeIfAbsent(partition, p -> new ArrayList<>()).add(row);
  }

  @Override
  public CompletionStage<Void> writeSessionEvents(List<RumEvent> events) {
    requireNonNull(events, "events");
    if (events.isEmpty()) return CompletableFuture.completedFuture(null);
    Map<SessionPartition, List<RumEvent>> byPartition = new LinkedHashMap<>();
    for (RumEvent event : events) {
      byPartition.computeIfAbsent(SessionPartition.of(event, clock), p -> new ArrayList<>()).add(event);
    }
    StatementBatches batches = new StatementBatches();
    byPartition.forEach((partition, partitionEvents) -> {
      for (RumEvent event : partitionEvents) {
        byte[] payload = RumEventCodec.encode(event);
        int kind = RumEventCodec.typeOf(event);
        batches.add(insertSessionEvent.event(partition, event, kind, payload), payload.length);
      }
      batches.finishPartition();
    });
    return execute(batches);
  }

  /**
   * Reads the partition's v1 rows (one record each) and v3 chunk rows (many each) in one query, and
   * keeps each span (by trace id and span id) and each resource (by event id) once: a retried export
   * may have stored the same span in two chunks.
   */
  @Override
  public CompletionStage<TraceRecords> readTrace(TraceKey key) {
    return readTrace(key, StatementRequests.ON_RECEIVING_THREAD);
  }

  @Override
  public CompletionStage<TraceRecords> readTrace(TraceKey key, Executor decoding) {
    requireNonNull(key, "key");
    requireNonNull(decoding, "decoding");
    Map<SpanIdentity, Span> spans = new LinkedHashMap<>();
    Map<String, RumResource> resources = new LinkedHashMap<>();
    Consumer<CorruptPayloadException> damaged = e -> LOG.log(System.Logger.Level.WARNING,
        "Skipped an unreadable record of trace " + key + ": " + e.getMessage());
    return readAll(selectTraceRows.trace(key), row -> {
      byte kind = row.getByte(0);
      ByteBuffer payload = row.getByteBuffer(1);
      if (payload == null) return;
      try {
        switch (kind) {
          case Schema.ROW_KIND_SPAN -> keepSpan(spans, SpanCodec.decode(payload));
          case Schema.ROW_KIND_RESOURCE -> {
            if (RumEventCodec.decode(payload) instanceof RumResource resource) keepResource(resources, resource);
          }
          case Schema.ROW_KIND_SPAN_CHUNK -> {
            for (Span span : ChunkCodec.decodeSpans(payload, damaged)) keepSpan(spans, span);
          }
          case Schema.ROW_KIND_RESOURCE_CHUNK -> {
            for (RumEvent event : ChunkCodec.decodeEvents(payload, damaged)) {
              if (event instanceof RumResource resource) keepResource(resources, resource);
            }
          }
          default -> {
            // A row kind of a newer schema: skipped, as an unreadable row is.
          }
        }
      } catch (CorruptPayloadException e) {
        damaged.accept(e);
      }
    }, decoding).thenApply(done -> new TraceRecords(key, List.copyOf(spans.values()), List.copyOf(resources.values())));
  }

  private static void keepSpan(Map<SpanIdentity, Span> spans, Span span) {
    spans.putIfAbsent(new SpanIdentity(span.traceId(), span.spanId()), span);
  }

  private static void keepResource(Map<String, RumResource> resources, RumResource resource) {
    resources.putIfAbsent(resource.eventId(), resource);
  }

  @Override
  public CompletionStage<List<RumEvent>> readSession(String appId, String sessionId) {
    requireNonNull(appId, "appId");
    requireNonNull(sessionId, "sessionId");
    // Per event id, the row with the highest document version: later versions of a view replace it.
    Map<String, VersionedPayload> latest = new HashMap<>();
    List<CompletableFuture<Void>> reads = new ArrayList<>();
    for (SessionPartition partition : SessionPartition.forRead(appId, sessionId, config.retention(), clock)) {
      reads.add(readAll(selectSessionEvents.partition(partition), row -> {
        ByteBuffer payload = row.getByteBuffer(2);
        if (payload == null) return;
        VersionedPayload candidate = new VersionedPayload(row.getLong(1), payload);
        synchronized (latest) {
          latest.merge(row.getString(0), candidate,
              (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
        }
      }).toCompletableFuture());
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<RumEvent> events = new ArrayList<>(latest.size());
      synchronized (latest) {
        for (VersionedPayload row : latest.values()) {
          try {
            events.add(RumEventCodec.decode(row.payload()));
          } catch (CorruptPayloadException e) {
            LOG.log(System.Logger.Level.WARNING, "Skipped an unreadable event of session " + appId + "/"
                + sessionId + ": " + e.getMessage());
          }
        }
      }
      events.sort(Comparator.comparingLong(RumEvent::epochNanos).thenComparing(RumEvent::eventId));
      return events;
    });
  }

  /**
   * Finds traces by service, operation, duration, errors, HTTP status, attributes, RUM session, view
   * or URL pattern (see {@link SearchQuery}), reading candidates from the index tables. A query with no
   * service, session, view or URL pattern fails the stage with {@link SearchUnsupportedException}: a
   * time range alone would read every trace of the range. Read failures complete the stage with the
   * driver's exception, as for {@link #readTrace}.
   */
  @Override
  public CompletionStage<SearchResult> search(SearchQuery query) {
    requireNonNull(query, "query");
    return search.search(query);
  }

  /** A session's events (see {@link #readSession}) and the traces its requests started. */
  @Override
  public CompletionStage<SessionTimeline> readSessionTimeline(String appId, String sessionId) {
    return SessionTimeline.read(this, this, appId, sessionId);
  }

  /**
   * The backend services that stored spans on the days the retention still holds (at most a week
   * back), sorted by name. Read failures complete the stage with the driver's exception.
   */
  @Override
  public CompletionStage<List<String>> services() {
    return catalog.services();
  }

  /** The span names a service stored over the same days as {@link #services()}, sorted. */
  @Override
  public CompletionStage<List<String>> operations(String service) {
    requireNonNull(service, "service");
    return catalog.operations(service);
  }

  /**
   * The traces with a write that started in {@code epochMinute} (minutes since the epoch), newest first,
   * at most {@code maxTraces}: what a metric rollup pass reads. See {@link StartedTraces}.
   */
  public CompletionStage<StartedTraces> tracesStartedIn(long epochMinute, int maxTraces) {
    if (maxTraces < 1 || maxTraces > MAX_LISTED_TRACES) {
      throw new IllegalArgumentException("maxTraces: " + maxTraces + " (expected: 1 to " + MAX_LISTED_TRACES + ")");
    }
    return minuteIndex.startedIn(epochMinute, maxTraces);
  }

  @Override
  public void close() {
    session.close();
  }

  /**
   * Sends every statement of one write request (an export, or a RUM batch) holding ONE in-flight permit
   * for all of them, and completes once all are acknowledged, or with the first failure as a refusal.
   * The bound counts requests, not statements: a statement bound made a 200-span export hold 40 permits
   * and refused exports at 7,500 spans/s with Cassandra far from busy.
   */
  private CompletionStage<Void> execute(StatementBatches batches) {
    List<Statement<?>> statements = batches.statements();
    if (!inFlight.tryAcquire()) {
      return CompletableFuture.failedFuture(new IngestRefusedException(
          IngestRefusedException.Reason.OVERLOADED, OVERLOADED_RETRY_AFTER,
          "Cassandra store is at its limit of " + config.maxInFlightWrites() + " writes in flight"));
    }
    // A write larger than the whole budget still goes, alone: it holds all of it.
    int kib = (int) Math.min(MAX_IN_FLIGHT_KIB, Math.max(1, (batches.bytes() + BYTES_PER_KIB - 1) / BYTES_PER_KIB));
    if (!kibInFlight.tryAcquire(kib)) {
      inFlight.release();
      return CompletableFuture.failedFuture(new IngestRefusedException(
          IngestRefusedException.Reason.OVERLOADED, OVERLOADED_RETRY_AFTER,
          "Cassandra store is at its limit of " + MAX_IN_FLIGHT_KIB + " KiB of writes in flight"));
    }
    return StatementRequests.sendAll(session, statements, () -> {
      kibInFlight.release(kib);
      inFlight.release();
    });
  }

  /** Runs a query and hands every row of every page to {@code consumer}, in order, on the driver's thread. */
  private CompletionStage<Void> readAll(Statement<?> statement, Consumer<Row> consumer) {
    return readAll(statement, consumer, StatementRequests.ON_RECEIVING_THREAD);
  }

  /** As {@link #readAll(Statement, Consumer)}, on {@code executor}. */
  private CompletionStage<Void> readAll(Statement<?> statement, Consumer<Row> consumer, Executor executor) {
    return StatementRequests.readUntil(session, statement, row -> {
      consumer.accept(row);
      return true;
    }, executor);
  }

  /** Resolves names given as text ({@code --cassandra=db1:9042}) now, with an error that names the host. */
  private static List<InetSocketAddress> resolve(List<InetSocketAddress> points) {
    List<InetSocketAddress> resolved = new ArrayList<>(points.size());
    for (InetSocketAddress point : points) {
      InetSocketAddress address = point.isUnresolved()
          ? new InetSocketAddress(point.getHostString(), point.getPort()) : point;
      if (address.isUnresolved()) {
        throw new CassandraStoreException("Cannot resolve the Cassandra host '" + point.getHostString() + "'");
      }
      resolved.add(address);
    }
    return resolved;
  }

  private static String describe(List<InetSocketAddress> points) {
    return points.stream().map(p -> p.getHostString() + ":" + p.getPort()).toList().toString();
  }

  private record VersionedPayload(long version, ByteBuffer payload) {}

  /** What makes a span the same span: a re-delivery carries the same trace id and span id. */
  private record SpanIdentity(TraceId traceId, SpanId spanId) {}
}
