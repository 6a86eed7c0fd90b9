package dev.tracebridge.correlator.health;

import dev.tracebridge.core.health.InMemoryVerdictStore;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.storage.InMemoryTraceStore;
import dev.tracebridge.correlator.BrowserRequests;
import dev.tracebridge.correlator.CorrelatingSink;
import dev.tracebridge.correlator.JoinedTraceReader;
import dev.tracebridge.correlator.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The in-memory engine of one test: sink, checker and reader over shared stores and a hand-moved clock. */
final class Harness {
  static final Instant START = Instant.ofEpochSecond(1_700_000_000L);

  final TestClock clock = new TestClock(START);
  final InMemoryTraceStore traces = new InMemoryTraceStore();
  final InMemoryVerdictStore verdicts = new InMemoryVerdictStore();
  final PropagationCheckSettings settings = PropagationCheckSettings.defaults();
  final CorrelatingSink sink = new CorrelatingSink(traces, verdicts, clock);
  final PropagationChecker checker = new PropagationChecker(traces, verdicts, settings);
  final JoinedTraceReader reader = new JoinedTraceReader(traces, verdicts, Runnable::run);

  void rum(RumEvent... events) {
    sink.acceptRum(List.of(events)).toCompletableFuture().join();
  }

  void spans(Span... spans) {
    sink.acceptSpans(List.of(spans)).toCompletableFuture().join();
  }

  /** Moves past the grace period of everything received so far and runs the checker once. */
  CheckRun checkAfterGrace() {
    clock.advance(settings.grace().plus(Duration.ofMinutes(2)));
    return checker.runOnce(clock.instant());
  }

  Optional<Verdict> verdictOf(RumResource resource) {
    return verdicts.verdicts(Objects.requireNonNull(BrowserRequests.verdictKey(resource))).toCompletableFuture().join()
        .stream().filter(v -> v.eventId().equals(resource.eventId())).findFirst();
  }

  JoinedTrace trace(TraceId id) {
    return reader.trace(id).toCompletableFuture().join().orElseThrow();
  }
}
