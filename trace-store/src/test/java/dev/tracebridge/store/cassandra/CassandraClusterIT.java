package dev.tracebridge.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.storage.TestTelemetry;
import dev.tracebridge.core.storage.TraceRecords;
import dev.tracebridge.core.storage.TraceWrite;
import dev.tracebridge.store.cassandra.embedded.EmbeddedCassandra;
import dev.tracebridge.store.cassandra.embedded.EmbeddedCassandraConfig;
import dev.tracebridge.store.cassandra.embedded.TestNodes;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode (issue 8): three real nodes on 127.0.0.1-3, a keyspace with replication factor 3, two
 * engine stores writing at LOCAL_QUORUM, one node killed with SIGKILL in the middle of the load. Every
 * write a store acknowledged must be readable afterwards, through either store.
 */
@Tag("cluster")
class CassandraClusterIT {
  private static final int NODES = 3;
  /** Evenly spaced single tokens: each node owns a third of the ring. */
  private static final long[] TOKENS = {Long.MIN_VALUE, -3_074_457_345_618_258_603L, 3_074_457_345_618_258_602L};
  private static final int TRACES = 900;
  private static final int SPANS_PER_TRACE = 10;
  /** The node is killed once this many traces have been sent, so the load runs on both sides of it. */
  private static final int KILL_AFTER = TRACES / 3;
  /** Writes each test client keeps in flight, like an exporter with a bounded queue. */
  private static final int CLIENT_IN_FLIGHT = 32;
  private static final String REPLICATION = "{'class':'NetworkTopologyStrategy','datacenter1':3}";

  private final List<EmbeddedCassandra> nodes = new ArrayList<>();
  private final List<CassandraTraceStore> stores = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    long began = System.nanoTime();
    stores.forEach(CassandraTraceStore::close);
    nodes.forEach(EmbeddedCassandra::close);
    phase("stores and nodes stopped", began);
  }

  @Test
  void nodeKilledMidLoad_noAcknowledgedSpanOrEventLost_andReadsSucceed() throws Exception {
    long began = System.nanoTime();
    int nativePort = TestNodes.freePort();
    int storagePort = TestNodes.freePort();
    for (int i = 0; i < NODES; i++) {
      EmbeddedCassandraConfig config = TestNodes.config(TestNodes.freshDataDir("cluster-" + i)).toBuilder()
          .host("127.0.0." + (i + 1)).nativePort(nativePort).storagePort(storagePort)
          .cluster(new EmbeddedCassandraConfig.Cluster("127.0.0.1:" + storagePort, TOKENS[i], false))
          .build();
      nodes.add(EmbeddedCassandra.start(config, TestNodes::progress));
    }
    List<InetSocketAddress> contactPoints = List.of(nodes.get(0).contactPoint(), nodes.get(1).contactPoint());
    CassandraStoreConfig storeConfig = CassandraStoreConfig.builder().contactPoints(contactPoints)
        .localDatacenter(nodes.get(0).localDatacenter()).keyspace("cluster_test").replication(REPLICATION)
        .writeConsistency("LOCAL_QUORUM").build();
    // The first engine applies the schema, the second only checks it, as a rolling start would.
    stores.add(CassandraTraceStore.connect(storeConfig));
    stores.add(CassandraTraceStore.connect(storeConfig.toBuilder().applySchema(false).build()));

    phase("cluster up, schema applied", began);
    Map<TraceId, List<Span>> acknowledged = new ConcurrentHashMap<>();
    Map<String, RumEvent> acknowledgedEvents = new ConcurrentHashMap<>();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger acknowledgedAfterKill = new AtomicInteger();
    Semaphore clientWindow = new Semaphore(CLIENT_IN_FLIGHT * stores.size());
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    String app = "cluster-app";
    String session = "session-" + TestTelemetry.randomSpanId();
    boolean[] killed = {false};
    for (int i = 0; i < TRACES; i++) {
      if (i == KILL_AFTER) {
        ProcessHandle victim = ProcessHandle.of(nodes.get(2).pid()).orElseThrow();
        victim.destroyForcibly();
        victim.onExit().get(30, TimeUnit.SECONDS);
        killed[0] = true;
      }
      CassandraTraceStore store = stores.get(i % stores.size());
      TraceId traceId = TestTelemetry.randomTraceId();
      List<Span> spans = new ArrayList<>();
      for (int s = 0; s < SPANS_PER_TRACE; s++) {
        spans.add(TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null));
      }
      RumEvent view = TestTelemetry.view(app, session, "view-" + i, 1_000 + i, 1);
      boolean afterKill = killed[0];
      clientWindow.acquire();
      CompletableFuture<Void> spansWritten = store.write(TraceWrite.ofSpans(traceId.key(), spans)).toCompletableFuture();
      CompletableFuture<Void> eventWritten = store.writeSessionEvents(List.of(view)).toCompletableFuture();
      sent.add(CompletableFuture.allOf(
          spansWritten.handle((ok, failure) -> {
            if (failure == null) {
              acknowledged.put(traceId, spans);
              if (afterKill) acknowledgedAfterKill.incrementAndGet();
            } else {
              refused.incrementAndGet();
            }
            return null;
          }),
          eventWritten.handle((ok, failure) -> {
            if (failure == null) acknowledgedEvents.put(view.eventId(), view);
            return null;
          })).whenComplete((ok, failure) -> clientWindow.release()));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

    phase("load done", began);
    System.out.printf("cluster test: %d traces acknowledged (%d after the kill), %d refused%n",
        acknowledged.size(), acknowledgedAfterKill.get(), refused.get());
    assertThat(acknowledgedAfterKill.get()).as("writes acknowledged with one node down").isGreaterThan(TRACES / 3);
    Map<TraceId, CompletableFuture<TraceRecords>> reads = new ConcurrentHashMap<>();
    int read = 0;
    for (TraceId traceId : acknowledged.keySet()) {
      CassandraTraceStore store = stores.get(read++ % stores.size());
      clientWindow.acquire();
      reads.put(traceId, store.readTrace(traceId.key()).toCompletableFuture()
          .whenComplete((records, failure) -> clientWindow.release()));
    }
    for (Map.Entry<TraceId, List<Span>> trace : acknowledged.entrySet()) {
      TraceRecords records = reads.get(trace.getKey()).get(30, TimeUnit.SECONDS);
      assertThat(records.spans()).as("trace %s", trace.getKey()).containsExactlyInAnyOrderElementsOf(trace.getValue());
    }
    List<RumEvent> timeline = stores.get(1).readSession(app, session).toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(timeline).containsAll(acknowledgedEvents.values());
    assertThat(stores).allSatisfy(store -> assertThat(store.isHealthy()).isTrue());
    phase("every acknowledged write read back", began);
  }

  private static void phase(String what, long began) {
    System.out.printf("cluster test: %s after %d s%n", what, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
  }
}
