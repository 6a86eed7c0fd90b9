package dev.tracebridge.correlator;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.health.ClockSample;
import dev.tracebridge.core.health.FallbackLink;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.health.VerdictStore;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.storage.TraceRecords;
import dev.tracebridge.core.storage.TraceStore;
import dev.tracebridge.correlator.adjust.JoinEvidence;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Reads a trace and joins it; an id nothing was stored under reads as empty. Besides the trace's own
 * partition it reads the verdicts keyed on it, the partitions a fallback verdict connects it to, and the
 * clock-offset samples of its sessions: one round of parallel reads, then a second for what the first
 * named. The rows are decoded and the join runs on {@code executor} ({@link #trace}) or on a caller that
 * waits for it ({@link #traceOnCallingThread}), never on the store's I/O threads, which every answer of a
 * connection passes through: a batch of large traces decoded there holds up every other reader (see
 * {@link WaitingThreadExecutor}).
 */
public final class JoinedTraceReader {
  private final TraceStore store;
  private final VerdictStore verdicts;
  private final Executor executor;
  private final TraceJoiner joiner = new TraceJoiner();

  public JoinedTraceReader(TraceStore store, VerdictStore verdicts, Executor executor) {
    this.store = requireNonNull(store, "store");
    this.verdicts = requireNonNull(verdicts, "verdicts");
    this.executor = requireNonNull(executor, "executor");
  }

  public CompletionStage<Optional<JoinedTrace>> trace(TraceId id) {
    requireNonNull(id, "id");
    return own(id, executor).thenComposeAsync(own -> evidence(id, own, executor)
        .thenApplyAsync(evidence -> join(id, own, evidence), executor), executor);
  }

  /**
   * As {@link #trace}, for a caller that waits for the answer anyway (a request thread): the reads are
   * the same, but the rows are decoded and the join runs on the calling thread rather than on the store's
   * I/O thread and {@code executor}: sixteen waiting requests decode on their own sixteen threads instead
   * of queueing for one, and there are two thread hand-offs fewer per trace. A failed read is thrown as
   * the {@link java.util.concurrent.CompletionException} that wraps the store's exception.
   */
  public Optional<JoinedTrace> traceOnCallingThread(TraceId id) {
    requireNonNull(id, "id");
    WaitingThreadExecutor here = new WaitingThreadExecutor();
    try {
      Own own = here.await(own(id, here));
      return join(id, own, here.await(evidence(id, own, here)));
    } finally {
      here.finish();
    }
  }

  /** The trace's partition, decoded on {@code decoding}, and the verdicts keyed on it, read at once. */
  private CompletableFuture<Own> own(TraceId id, Executor decoding) {
    CompletableFuture<TraceRecords> records = store.readTrace(id.key(), decoding).toCompletableFuture();
    CompletableFuture<List<Verdict>> decided = verdicts.verdicts(id.key()).toCompletableFuture();
    return records.thenCombine(decided, Own::new);
  }

  private Optional<JoinedTrace> join(TraceId id, Own own, JoinEvidence evidence) {
    JoinedTrace joined = joiner.join(id, own.records(), evidence);
    return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
  }

  private CompletableFuture<JoinEvidence> evidence(TraceId id, Own own, Executor decoding) {
    List<CompletableFuture<List<Span>>> spans = new ArrayList<>();
    List<CompletableFuture<List<RumResource>>> resources = new ArrayList<>();
    for (Verdict v : own.verdicts()) {
      FallbackLink fallback = v.fallback();
      if (fallback == null) continue;
      if (v.traceId().sameTraceAs(id) && !fallback.traceId().sameTraceAs(id)) {
        spans.add(store.readTrace(fallback.traceId().key(), decoding).toCompletableFuture()
            .thenApply(r -> r.matching(fallback.traceId()).spans()));
      } else if (fallback.traceId().sameTraceAs(id) && !v.traceId().sameTraceAs(id)) {
        resources.add(store.readTrace(v.traceKey(), decoding).toCompletableFuture()
            .thenApply(r -> r.resources().stream().filter(res -> res.eventId().equals(v.eventId())).toList()));
      }
    }
    Set<List<String>> sessions = new LinkedHashSet<>();
    for (RumResource r : own.records().matching(id).resources()) {
      String session = r.context().sessionId();
      if (session != null && !session.isEmpty()) sessions.add(List.of(r.context().appId(), session));
    }
    List<CompletableFuture<List<ClockSample>>> samples = new ArrayList<>();
    for (List<String> s : sessions) samples.add(verdicts.clockSamples(s.get(0), s.get(1)).toCompletableFuture());
    CompletableFuture<?>[] all = new CompletableFuture<?>[spans.size() + resources.size() + samples.size()];
    int i = 0;
    for (CompletableFuture<?> f : spans) all[i++] = f;
    for (CompletableFuture<?> f : resources) all[i++] = f;
    for (CompletableFuture<?> f : samples) all[i++] = f;
    return CompletableFuture.allOf(all).thenApply(done -> new JoinEvidence(own.verdicts(), flatten(spans),
        flatten(resources), flatten(samples)));
  }

  private static <T> List<T> flatten(List<CompletableFuture<List<T>>> parts) {
    List<T> out = new ArrayList<>();
    for (CompletableFuture<List<T>> part : parts) out.addAll(part.join());
    return out;
  }

  /** The trace's own partition and the verdicts keyed on it. */
  private record Own(TraceRecords records, List<Verdict> verdicts) {}
}
