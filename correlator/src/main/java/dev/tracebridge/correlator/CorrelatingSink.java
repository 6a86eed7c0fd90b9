package dev.tracebridge.correlator;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.health.PendingCheck;
import dev.tracebridge.core.health.RootServerSpan;
import dev.tracebridge.core.health.VerdictStore;
import dev.tracebridge.core.ingest.IngestReceipt;
import dev.tracebridge.core.ingest.IngestRefusedException;
import dev.tracebridge.core.ingest.TelemetrySink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.storage.TraceStore;
import dev.tracebridge.core.storage.TraceWrite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Receives decoded telemetry and writes it so that both sides of a trace meet in one partition:
 * spans under their trace id's key, traced RUM resources under the key of every trace context they
 * carried. Alongside, it writes what propagation health needs later: a pending check for every
 * resource that carried trace headers (decided by {@link dev.tracebridge.correlator.health.PropagationChecker}
 * a grace period after arrival), and an index entry for every parentless server span of an HTTP
 * request (the candidates of header_stripped verdicts and fallback joins). The returned stage completes
 * only when every write it started is durable, so receivers acknowledge nothing that could still be
 * lost (DESIGN.md invariants 1 and 3), and no acknowledged resource can miss its verdict.
 */
public final class CorrelatingSink implements TelemetrySink {
  /** How long a client should wait before retrying when the store failed in a way we did not classify. */
  private static final Duration UNCLASSIFIED_FAILURE_RETRY = Duration.ofSeconds(5);
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final TraceStore store;
  private final VerdictStore verdicts;
  private final Clock clock;

  /**
   * @param clock the engine's clock: pending checks are bucketed by arrival time on it
   */
  public CorrelatingSink(TraceStore store, VerdictStore verdicts, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.verdicts = requireNonNull(verdicts, "verdicts");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public CompletionStage<IngestReceipt> acceptSpans(List<Span> spans) {
    requireNonNull(spans, "spans");
    if (spans.isEmpty()) return CompletableFuture.completedFuture(IngestReceipt.accepted(0));
    Map<TraceKey, List<Span>> byKey = new LinkedHashMap<>();
    for (Span span : spans) {
      byKey.computeIfAbsent(span.traceId().key(), k -> new ArrayList<>()).add(span);
    }
    // One writeAll per export: the store groups what the export's traces share (index partitions) into
    // fewer requests and bounds the export as one write.
    List<TraceWrite> traceWrites = new ArrayList<>(byKey.size());
    byKey.forEach((key, group) -> traceWrites.add(TraceWrite.ofSpans(key, group)));
    List<CompletableFuture<Void>> writes = new ArrayList<>(2);
    writes.add(store.writeAll(traceWrites).toCompletableFuture());
    List<RootServerSpan> roots = rootServerSpans(spans);
    if (!roots.isEmpty()) writes.add(verdicts.indexRootSpans(roots).toCompletableFuture());
    return whenAll(writes, IngestReceipt.accepted(spans.size()));
  }

  @Override
  public CompletionStage<IngestReceipt> acceptRum(List<RumEvent> events) {
    requireNonNull(events, "events");
    if (events.isEmpty()) return CompletableFuture.completedFuture(IngestReceipt.accepted(0));
    Map<TraceKey, List<RumResource>> byKey = new LinkedHashMap<>();
    List<PendingCheck> checks = new ArrayList<>();
    long now = nowNanos();
    for (RumEvent event : events) {
      if (event instanceof RumResource resource) {
        for (TraceKey key : joinKeys(resource)) {
          byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(resource);
        }
        TraceKey verdictKey = BrowserRequests.verdictKey(resource);
        if (verdictKey != null) {
          checks.add(new PendingCheck(resource.context().appId(), resource.eventId(), verdictKey, now));
        }
      }
    }
    List<CompletableFuture<Void>> writes = new ArrayList<>(3);
    writes.add(store.writeSessionEvents(events).toCompletableFuture());
    if (!byKey.isEmpty()) {
      List<TraceWrite> traceWrites = new ArrayList<>(byKey.size());
      byKey.forEach((key, group) -> traceWrites.add(TraceWrite.ofResources(key, group)));
      writes.add(store.writeAll(traceWrites).toCompletableFuture());
    }
    if (!checks.isEmpty()) writes.add(verdicts.schedule(checks).toCompletableFuture());
    return whenAll(writes, IngestReceipt.accepted(events.size()));
  }

  /**
   * Every partition a resource must be visible in. A browser that sent several formats at once usually
   * sent one trace id in all of them; when it did not, each backend may have continued a different one,
   * so the resource goes to each.
   */
  static Set<TraceKey> joinKeys(RumResource resource) {
    Set<TraceKey> keys = new LinkedHashSet<>();
    for (PropagatedContext context : resource.propagation()) {
      keys.add(context.traceId().key());
    }
    return keys;
  }

  /** The parentless server spans of HTTP requests: few per trace (one per request that entered it). */
  static List<RootServerSpan> rootServerSpans(List<Span> spans) {
    List<RootServerSpan> roots = new ArrayList<>();
    for (Span span : spans) {
      if (span.parentSpanId() != null) continue;
      RootServerSpan root = RootServerSpan.of(span);
      if (root != null) roots.add(root);
    }
    return roots;
  }

  private long nowNanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
  }

  private static CompletionStage<IngestReceipt> whenAll(
      List<CompletableFuture<Void>> writes, IngestReceipt receipt) {
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
        .handle((ignored, failure) -> {
          if (failure == null) return receipt;
          throw asRefusal(failure);
        });
  }

  private static IngestRefusedException asRefusal(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof IngestRefusedException refused) return refused;
    return new IngestRefusedException(IngestRefusedException.Reason.STORAGE_UNAVAILABLE,
        UNCLASSIFIED_FAILURE_RETRY, "the store did not acknowledge the write: " + cause, cause);
  }
}
