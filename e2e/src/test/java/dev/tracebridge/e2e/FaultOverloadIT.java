package dev.tracebridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten times more than the engine can store, offered open-loop: it sheds the excess with retryable answers
 * (gRPC RESOURCE_EXHAUSTED / UNAVAILABLE, HTTP 429 / 503 with Retry-After), its memory stays bounded, it
 * stays up, and it takes writes again as soon as the flood ends.
 */
class FaultOverloadIT {
  /** Capacity is measured first, with a few exports outstanding at a time. */
  private static final int CAPACITY_CONCURRENCY = 4;
  private static final Duration CAPACITY_PROBE = Duration.ofSeconds(10);
  private static final double OVERLOAD_FACTOR = 10;
  private static final Duration FLOOD = Duration.ofSeconds(20);
  /** Bounds the client's own memory: the engine must shed long before this many exports pile up. */
  private static final int MAX_OUTSTANDING = 2_000;
  private static final Duration RUM_PAUSE = Duration.ofMillis(0);
  private static final int RUM_SENDERS = 4;
  /**
   * The launcher's -Xmx512m heap, plus what a JVM holds beyond its heap (metaspace, code cache, thread
   * stacks, Netty's direct buffers): the engine measured ~700 MiB peak RSS at its highest sustained rate
   * (docs/benchmarks.md); a bounded engine stays under 1 GiB however much is offered.
   */
  private static final long MAX_RSS_BYTES = 1024L * 1024 * 1024;
  private static final long RSS_SAMPLE_MILLIS = 500;
  private static final Set<String> RETRYABLE_OR_SUCCESS = Set.of("grpc OK", "grpc RESOURCE_EXHAUSTED",
      "grpc UNAVAILABLE", "http 202", "http 429 with Retry-After", "http 503 with Retry-After");

  @TempDir Path dir;

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void tenTimesOverload_shedWithRetryableAnswersWhileMemoryStaysBoundedAndEngineStaysUp() throws Exception {
    FaultLedger ledger = new FaultLedger();
    try (FaultEngine engine = FaultEngine.start(dir.resolve("data"));
        FaultGrpcFlood flood = new FaultGrpcFlood(engine, ledger)) {
      double capacity = flood.closedLoopSpansPerSecond(CAPACITY_CONCURRENCY, CAPACITY_PROBE);
      assertThat(capacity).as("spans/s stored before the flood").isPositive();

      AtomicLong peakRss = new AtomicLong();
      Thread rssSampler = new Thread(() -> sampleRss(engine.pid(), peakRss), "rss-sampler");
      rssSampler.start();
      double offered;
      try (FaultLoad rum = FaultLoad.start(engine, ledger, 0, RUM_SENDERS, RUM_PAUSE)) {
        offered = flood.openLoop(capacity * OVERLOAD_FACTOR, FLOOD, MAX_OUTSTANDING);
      } finally {
        rssSampler.interrupt();
        rssSampler.join();
      }
      Map<String, Long> answers = ledger.answers();
      System.out.printf("FaultOverloadIT: capacity %.0f spans/s, offered %.0f spans/s (%.1fx), %d exports not sent"
          + " (client cap), answers %s, engine peak RSS %d MiB%n", capacity, offered, offered / capacity,
          flood.skipped(), answers, peakRss.get() >> 20);

      assertThat(FaultSignals.alive(engine.pid())).as("engine still running").isTrue();
      assertThat(answers.keySet()).as("only success or retryable refusals, never a 500")
          .isSubsetOf(RETRYABLE_OR_SUCCESS);
      assertThat(answers.keySet()).as("the excess was shed, not queued")
          .containsAnyOf("grpc RESOURCE_EXHAUSTED", "grpc UNAVAILABLE");
      assertThat(peakRss.get()).as("engine resident memory under the flood").isLessThan(MAX_RSS_BYTES);
      assertThat(flood.sendOne()).as("a single export is taken right after the flood").isTrue();
      assertThat(engine.get("/api/v1/ready").statusCode()).isEqualTo(200);
    }
  }

  private static void sampleRss(long pid, AtomicLong peak) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        peak.accumulateAndGet(FaultSignals.rssBytes(pid), Math::max);
        Thread.sleep(RSS_SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        return;
      } catch (java.io.IOException engineGone) {
        return;
      }
    }
  }
}
