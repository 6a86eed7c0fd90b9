package dev.tracebridge.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.ingest.IngestRefusedException;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The OpenTelemetry Java SDK's http/protobuf exporter against {@link OtlpHttpTraceEndpoint}. */
class OtlpHttpExporterTest {
  /** Short backoff so a retried export finishes within the test; the SDK default starts at 1 s. */
  private static final RetryPolicy FAST_RETRY = RetryPolicy.builder().setMaxAttempts(5)
      .setInitialBackoff(Duration.ofMillis(50)).setMaxBackoff(Duration.ofMillis(200)).build();

  private final RecordingSink sink = new RecordingSink();
  private IngestHttpServer http;

  @BeforeEach
  void start() throws IOException {
    http = new IngestHttpServer(new OtlpHttpTraceEndpoint(sink, OtlpLimits.defaults()));
  }

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void sdkHttpExporterWithGzip_spansArriveWhole() {
    List<SpanData> sent = SdkSpans.record();
    try (OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
        .setEndpoint(http.url("/v1/traces")).setCompression("gzip").build()) {

      assertThat(exporter.export(sent).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    SdkSpanAssertions.assertArrivedWhole(sink.stored(), sent);
  }

  @ParameterizedTest
  @EnumSource(IngestRefusedException.Reason.class)
  void sinkRefusesOnce_sdkExporterRetriesAndSpansAreStoredExactlyOnce(
      IngestRefusedException.Reason reason) {
    sink.thenFail(new IngestRefusedException(reason, Duration.ofMillis(100), "busy"));
    List<SpanData> sent = SdkSpans.record();
    try (OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
        .setEndpoint(http.url("/v1/traces")).setRetryPolicy(FAST_RETRY).build()) {

      assertThat(exporter.export(sent).join(15, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    assertThat(sink.calls()).isEqualTo(2);
    SdkSpanAssertions.assertArrivedWhole(sink.stored(), sent);
  }
}
