package dev.tracebridge.otlp;

import dev.tracebridge.core.ingest.IngestReceipt;
import dev.tracebridge.core.ingest.TelemetrySink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.rum.RumEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-memory sink that stores what it accepts (spans, and RUM resources made from browser spans) and
 * can be told to answer the next calls otherwise (refuse, fail, answer later), so tests see what a
 * client sees when storage says no.
 */
final class RecordingSink implements TelemetrySink {
  private final List<Span> stored = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Function<List<Span>, CompletionStage<IngestReceipt>>> planned =
      new ConcurrentLinkedQueue<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final List<RumEvent> storedRum = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Function<List<RumEvent>, CompletionStage<IngestReceipt>>> plannedRum =
      new ConcurrentLinkedQueue<>();

  /** The next call answers with {@code answer} instead of storing. */
  RecordingSink thenAnswer(Function<List<Span>, CompletionStage<IngestReceipt>> answer) {
    planned.add(answer);
    return this;
  }

  /** The next call fails with {@code failure}, nothing stored. */
  RecordingSink thenFail(Throwable failure) {
    return thenAnswer(spans -> CompletableFuture.failedFuture(failure));
  }

  @Override
  public CompletionStage<IngestReceipt> acceptSpans(List<Span> spans) {
    calls.incrementAndGet();
    Function<List<Span>, CompletionStage<IngestReceipt>> answer = planned.poll();
    if (answer != null) return answer.apply(spans);
    stored.addAll(spans);
    return CompletableFuture.completedFuture(IngestReceipt.accepted(spans.size()));
  }

  /** The next RUM call answers with {@code answer} instead of storing. */
  RecordingSink thenAnswerRum(Function<List<RumEvent>, CompletionStage<IngestReceipt>> answer) {
    plannedRum.add(answer);
    return this;
  }

  @Override
  public CompletionStage<IngestReceipt> acceptRum(List<RumEvent> events) {
    Function<List<RumEvent>, CompletionStage<IngestReceipt>> answer = plannedRum.poll();
    if (answer != null) return answer.apply(events);
    storedRum.addAll(events);
    return CompletableFuture.completedFuture(IngestReceipt.accepted(events.size()));
  }

  /** Stores spans as if the sink had accepted them (for answers planned with thenAnswer). */
  IngestReceipt store(List<Span> spans) {
    stored.addAll(spans);
    return IngestReceipt.accepted(spans.size());
  }

  List<Span> stored() {
    return new ArrayList<>(stored);
  }

  List<RumEvent> storedRum() {
    return new ArrayList<>(storedRum);
  }

  int calls() {
    return calls.get();
  }
}
