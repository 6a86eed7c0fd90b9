package dev.tracebridge.store.cassandra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracebridge.core.ingest.IngestRefusedException;
import dev.tracebridge.core.ingest.IngestRefusedException.Reason;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.storage.TestTelemetry;
import dev.tracebridge.core.storage.TraceRecords;
import dev.tracebridge.core.storage.TraceWrite;
import dev.tracebridge.store.cassandra.CassandraStoreConfig;
import dev.tracebridge.store.cassandra.CassandraTraceStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The node's life across crashes, on one data directory: a node left running by a crashed engine is
 * replaced, a killed node comes back with its data, and the store refuses writes while the node is gone
 * and recovers by itself when it is back. The steps build on each other, so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedCassandraLifecycleTest {
  private static final Path DATA_DIR = TestNodes.freshDataDir("lifecycle");
  private static final EmbeddedCassandraConfig CONFIG = TestNodes.config(DATA_DIR);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
  /** The driver retries a lost node after 1 s, then at most every 10 s (DriverSettings). */
  private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(40);
  private static final TraceId BEFORE_CRASH = TestTelemetry.randomTraceId();
  private static final TraceId BEFORE_KILL = TestTelemetry.randomTraceId();

  private static EmbeddedCassandra node;
  private static CassandraTraceStore store;

  @AfterAll
  static void stopAll() {
    if (store != null) store.close();
    if (node != null) node.close();
  }

  @Test
  @Order(1)
  void nodeLeftByACrashedRun_isStoppedAndReplaced_withItsData() throws Exception {
    EmbeddedCassandra crashed = EmbeddedCassandra.start(CONFIG, TestNodes::progress);
    try (CassandraTraceStore first = connect(crashed, REQUEST_TIMEOUT)) {
      write(first, BEFORE_CRASH);
    }
    // The engine "crashes": its handle is forgotten, the node keeps running and holds the ports.
    long stalePid = crashed.pid();
    TestNodes.PROGRESS.clear();

    node = EmbeddedCassandra.start(CONFIG, TestNodes::progress);

    assertThat(ProcessHandle.of(stalePid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    assertThat(TestNodes.PROGRESS).anySatisfy(line -> assertThat(line)
        .isEqualTo("Found the embedded Cassandra of an earlier run still running (pid " + stalePid
            + "); stopping it before starting a new one..."));
    assertThat(node.pid()).isNotEqualTo(stalePid);
    assertThat(Files.readString(NodeLayout.under(DATA_DIR).pidFile()).strip()).isEqualTo(Long.toString(node.pid()));
    store = connect(node, REQUEST_TIMEOUT);
    assertThat(read(store, BEFORE_CRASH).spans()).hasSize(1);
  }

  @Test
  @Order(2)
  void killedNode_writesRefusedAsUnavailable_thenNodeAndStoreComeBackWithTheData() throws Exception {
    write(store, BEFORE_KILL);
    ProcessHandle killed = ProcessHandle.of(node.pid()).orElseThrow();
    killed.destroyForcibly();
    killed.onExit().get(30, TimeUnit.SECONDS);

    long startedAt = System.nanoTime();
    assertThatThrownBy(() -> write(store, TestTelemetry.randomTraceId()))
        .cause().isInstanceOfSatisfying(IngestRefusedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.STORAGE_UNAVAILABLE);
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        });
    assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(REQUEST_TIMEOUT.plusSeconds(3));
    awaitUntil(() -> !store.isHealthy(), Duration.ofSeconds(10));

    TestNodes.PROGRESS.clear();
    node = EmbeddedCassandra.start(CONFIG, TestNodes::progress);

    assertThat(TestNodes.PROGRESS).anySatisfy(line -> assertThat(line)
        .startsWith("Removed the stale pid file of a node that is no longer running (" + killed.pid()));
    // The same store, never reconnected by hand, writes again once the driver finds the node back.
    awaitUntil(() -> {
      try {
        write(store, TestTelemetry.randomTraceId());
        return true;
      } catch (ExecutionException e) {
        return false;
      }
    }, RECOVERY_TIMEOUT);
    assertThat(store.isHealthy()).isTrue();
    assertThat(read(store, BEFORE_CRASH).spans()).hasSize(1);
    assertThat(read(store, BEFORE_KILL).spans()).hasSize(1);
  }

  @Test
  @Order(3)
  void pausedNode_fullBoundRefusedAsOverloaded_andTheHangingWriteTimesOutAsUnavailable() throws Exception {
    try (CassandraTraceStore bounded = CassandraTraceStore.connect(CassandraStoreConfig.builder()
        .contactPoints(List.of(node.contactPoint())).localDatacenter(node.localDatacenter())
        .maxInFlightWrites(1).requestTimeout(REQUEST_TIMEOUT).build())) {
      signal("STOP", node.pid());
      CompletableFuture<Void> hanging;
      CompletableFuture<Void> excess;
      long startedAt = System.nanoTime();
      try {
        hanging = writeAsync(bounded, TestTelemetry.randomTraceId());
        excess = writeAsync(bounded, TestTelemetry.randomTraceId());

        assertThat(excess).isCompletedExceptionally();
        assertThatThrownBy(excess::get).cause().isInstanceOfSatisfying(IngestRefusedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.OVERLOADED);
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
          assertThat(e).hasMessage("Cassandra store is at its limit of 1 writes in flight");
        });
        assertThatThrownBy(() -> hanging.get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class).cause()
            .isInstanceOfSatisfying(IngestRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.STORAGE_UNAVAILABLE))
            .hasMessageContaining("DriverTimeoutException");
        assertThat(Duration.ofNanos(System.nanoTime() - startedAt))
            .isBetween(REQUEST_TIMEOUT.minusMillis(100), REQUEST_TIMEOUT.plusSeconds(3));
      } finally {
        signal("CONT", node.pid());
      }
      // The refused and timed-out writes gave their permit back.
      awaitUntil(() -> {
        try {
          write(bounded, TestTelemetry.randomTraceId());
          return true;
        } catch (ExecutionException e) {
          return false;
        }
      }, RECOVERY_TIMEOUT);
    }
  }

  @Test
  @Order(4)
  void runningNode_logsItsCollectorPausesBesideItsLog() throws Exception {
    String gcLog = Files.readString(NodeLayout.under(DATA_DIR).gcLog());

    assertThat(gcLog).contains("Using G1").contains("Pause Young");
  }

  @Test
  @Order(5)
  void close_stopsTheNodeCleanlyAndRemovesThePidFile() throws Exception {
    store.close();
    store = null;
    long pid = node.pid();
    long startedAt = System.nanoTime();

    node.close();

    assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(EmbeddedCassandra.STOP_TIMEOUT);
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    assertThat(Files.exists(NodeLayout.under(DATA_DIR).pidFile())).isFalse();
    assertThat(Files.readString(NodeLayout.under(DATA_DIR).log())).contains("Cassandra shutdown complete");
    node = null;
  }

  private static CassandraTraceStore connect(EmbeddedCassandra target, Duration timeout) {
    return CassandraTraceStore.connect(CassandraStoreConfig.builder()
        .contactPoints(List.of(target.contactPoint())).localDatacenter(target.localDatacenter())
        .requestTimeout(timeout).build());
  }

  private static CompletableFuture<Void> writeAsync(CassandraTraceStore target, TraceId traceId) {
    Span span = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null);
    return target.write(TraceWrite.ofSpans(traceId.key(), List.of(span))).toCompletableFuture();
  }

  private static void write(CassandraTraceStore target, TraceId traceId) throws Exception {
    writeAsync(target, traceId).get(30, TimeUnit.SECONDS);
  }

  private static TraceRecords read(CassandraTraceStore target, TraceId traceId) throws Exception {
    return target.readTrace(traceId.key()).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static void signal(String signal, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  private interface Check {
    boolean passes() throws Exception;
  }

  private static void awaitUntil(Check check, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.passes()) {
      if (System.nanoTime() - deadline > 0) throw new AssertionError("not true within " + timeout);
      Thread.sleep(200);
    }
  }
}
