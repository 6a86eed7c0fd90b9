package dev.tracebridge.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.health.HealthApps;
import dev.tracebridge.core.health.PendingCheck;
import dev.tracebridge.core.health.PropagationVerdict;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.health.VerdictStore;
import dev.tracebridge.core.health.VerdictStoreContract;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.storage.TestTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The verdict store test suite against a real Cassandra node, and what only Cassandra can get wrong. */
class CassandraVerdictStoreTest extends VerdictStoreContract {
  private static final long HOUR = Verdict.REPORT_BUCKET_NANOS;
  private static CassandraVerdictStore shared;

  @Override
  protected VerdictStore store() {
    synchronized (CassandraVerdictStoreTest.class) {
      if (shared == null) shared = CassandraVerdictStore.of(SharedNode.store());
      return shared;
    }
  }

  @Override
  protected VerdictStore freshStore() {
    CassandraTraceStore traces = SharedNode.store();
    return new CassandraVerdictStore(traces.session(), traces.config(), "test-" + UUID.randomUUID());
  }

  @Test
  void concurrentDecisionsOfOneResource_allAnswerTheSameStandingVerdict() {
    TraceId id = TestTelemetry.randomTraceId();
    String eventId = "res-" + UUID.randomUUID();
    List<CompletableFuture<Verdict>> decisions = new ArrayList<>();
    for (PropagationVerdict kind : List.of(PropagationVerdict.LINKED, PropagationVerdict.NOT_INSTRUMENTED,
        PropagationVerdict.SAMPLED_OUT, PropagationVerdict.CORS_BLOCKED)) {
      Verdict v = new Verdict(id.key(), eventId, "app-race", "s-1", kind, kind.wireName(), "w3c",
          "api.shop.example/cart/{id}", id, 1_700_000_000_000_000_000L, 1_700_000_000_000_000_000L, null);
      decisions.add(store().decide(v).toCompletableFuture());
    }

    List<Verdict> answers = decisions.stream().map(CompletableFuture::join).toList();

    assertThat(answers).allSatisfy(a -> assertThat(a).isEqualTo(answers.get(0)));
    assertThat(store().verdicts(id.key()).toCompletableFuture().join()).containsExactly(answers.get(0));
  }

  @Test
  void checksOfOneRumBatch_goToOnePartition_andAreAllPending() throws Exception {
    long arrival = randomTime();
    List<PendingCheck> batch = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      batch.add(new PendingCheck("app-batch", "res-" + UUID.randomUUID(), TestTelemetry.randomTraceId().key(),
          arrival + i));
    }
    store().schedule(batch).toCompletableFuture().get();

    long bucket = batch.get(0).bucket();
    CassandraTraceStore traces = SharedNode.store();
    List<Integer> rowsPerShard = new ArrayList<>();
    for (int shard = 0; shard < Schema.CHECK_SHARDS; shard++) {
      rowsPerShard.add(traces.session().execute("SELECT event_id FROM " + traces.config().keyspace()
          + ".pending_checks WHERE bucket = ? AND shard = ?", bucket, (byte) shard).all().size());
    }
    assertThat(rowsPerShard).containsOnlyOnce(batch.size()).containsOnly(0, batch.size());
    assertThat(store().pendingChecks(bucket).toCompletableFuture().get()).containsExactlyInAnyOrderElementsOf(batch);
  }

  @Test
  void appsOfThirtyOneDays_readEveryHourPartition_andAnHourMoreIsPartial() throws Exception {
    CassandraTraceStore traces = SharedNode.store();
    CassandraVerdictStore monthly = new CassandraVerdictStore(traces.session(),
        traces.config().toBuilder().retention(Duration.ofDays(40)).build(), "test-" + UUID.randomUUID());
    long firstHour = Math.floorDiv(randomTime(), HOUR) * HOUR;
    long lastHour = firstHour + (VerdictAppCatalog.MAX_HOURS - 1) * HOUR;
    Verdict first = verdict("app-" + UUID.randomUUID(), firstHour + 10);
    Verdict last = verdict("app-" + UUID.randomUUID(), lastHour + 10);
    monthly.decide(first).toCompletableFuture().get();
    monthly.decide(last).toCompletableFuture().get();

    HealthApps month = monthly.apps(firstHour, lastHour + 20).toCompletableFuture().get();
    HealthApps hourMore = monthly.apps(firstHour, lastHour + HOUR).toCompletableFuture().get();

    assertThat(month.appIds()).contains(first.appId(), last.appId());
    assertThat(month.partial()).isFalse();
    assertThat(hourMore.appIds()).contains(last.appId()).doesNotContain(first.appId());
    assertThat(hourMore.partial()).isTrue();
  }

  @Test
  void appsOfARangeLongerThanTheRetention_readOnlyTheRetainedHours_andAreComplete() throws Exception {
    long end = randomTime();
    Verdict retained = verdict("app-" + UUID.randomUUID(), end - HOUR);
    Verdict expired = verdict("app-" + UUID.randomUUID(), end - Duration.ofDays(9).toNanos());
    store().decide(retained).toCompletableFuture().get();
    store().decide(expired).toCompletableFuture().get();

    HealthApps apps = store().apps(end - Duration.ofDays(31).toNanos(), end).toCompletableFuture().get();

    assertThat(SharedNode.store().config().retention()).isLessThan(Duration.ofDays(9));
    assertThat(apps.appIds()).contains(retained.appId()).doesNotContain(expired.appId());
    assertThat(apps.partial()).isFalse();
  }

  private static Verdict verdict(String app, long start) {
    TraceId id = TestTelemetry.randomTraceId();
    return new Verdict(id.key(), "res-" + UUID.randomUUID(), app, "s-1", PropagationVerdict.LINKED, "linked", "w3c",
        "api.shop.example/cart/{id}", id, start, start, null);
  }

  /** A random time in 2023-2024 at a whole second, as the contract's tests choose theirs. */
  private static long randomTime() {
    return (1_700_000_000L + ThreadLocalRandom.current().nextLong(30_000_000L)) * 1_000_000_000L;
  }
}
