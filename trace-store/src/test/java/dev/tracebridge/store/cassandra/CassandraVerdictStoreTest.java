package dev.tracebridge.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.health.PropagationVerdict;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.health.VerdictStore;
import dev.tracebridge.core.health.VerdictStoreContract;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.storage.TestTelemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The verdict store test suite against a real Cassandra node, and what only Cassandra can get wrong. */
class CassandraVerdictStoreTest extends VerdictStoreContract {
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
}
