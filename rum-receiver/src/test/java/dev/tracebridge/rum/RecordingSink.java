package dev.tracebridge.rum;

import dev.tracebridge.core.ingest.IngestReceipt;
import dev.tracebridge.core.ingest.TelemetrySink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.rum.RumEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A sink that records what it was handed and answers as the test tells it to. */
public final class RecordingSink implements TelemetrySink {
  private final List<RumEvent> events = new CopyOnWriteArrayList<>();
  private volatile Function<List<RumEvent>, CompletionStage<IngestReceipt>> answer =
      batch -> CompletableFuture.completedFuture(IngestReceipt.accepted(batch.size()));

  public void answerWith(Function<List<RumEvent>, CompletionStage<IngestReceipt>> answer) {
    this.answer = answer;
  }

  public List<RumEvent> events() {
    return List.copyOf(events);
  }

  public <T extends RumEvent> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override
  public CompletionStage<IngestReceipt> acceptSpans(List<Span> spans) {
    return CompletableFuture.failedFuture(new AssertionError("a RUM intake must not send spans"));
  }

  @Override
  public CompletionStage<IngestReceipt> acceptRum(List<RumEvent> batch) {
    events.addAll(batch);
    return answer.apply(batch);
  }
}
