package dev.tracebridge.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.ingest.IngestReceipt;
import dev.tracebridge.core.ingest.TelemetrySink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.storage.TestTelemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class AppBoundSinkTest {
  private final List<RumEvent> stored = new ArrayList<>();
  private final TelemetrySink recording = new TelemetrySink() {
    @Override
    public CompletionStage<IngestReceipt> acceptSpans(List<Span> spans) {
      return CompletableFuture.completedFuture(IngestReceipt.accepted(spans.size()));
    }

    @Override
    public CompletionStage<IngestReceipt> acceptRum(List<RumEvent> events) {
      stored.addAll(events);
      return CompletableFuture.completedFuture(IngestReceipt.accepted(events.size()));
    }
  };

  @Test
  void eventsClaimingAnotherApp_areRejectedAndNotStored() throws Exception {
    String app = "shop-web";
    RumEvent own = resourceOf(app);
    RumEvent foreign = resourceOf("admin-web");

    IngestReceipt receipt = new AppBoundSink(recording, app).acceptRum(List.of(own, foreign))
        .toCompletableFuture().get();

    assertThat(stored).containsExactly(own);
    assertThat(receipt.accepted()).isEqualTo(1);
    assertThat(receipt.rejected()).isEqualTo(1);
    assertThat(receipt.message()).contains("claim an app other than '" + app + "'");
  }

  @Test
  void onlyForeignEvents_storeNothing() throws Exception {
    RumEvent foreign = resourceOf("admin-web");

    IngestReceipt receipt = new AppBoundSink(recording, "shop-web").acceptRum(List.of(foreign))
        .toCompletableFuture().get();

    assertThat(stored).isEmpty();
    assertThat(receipt.rejected()).isEqualTo(1);
  }

  private static RumEvent resourceOf(String app) {
    return TestTelemetry.fullResource(TestTelemetry.randomTraceId(), TestTelemetry.randomSpanId(), app, "session-1",
        System.currentTimeMillis());
  }
}
