package dev.tracebridge.rum;

import dev.tracebridge.core.ingest.IngestEndpoint;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.core.ingest.TelemetrySink;
import dev.tracebridge.rum.datadog.DatadogRumDecoder;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Datadog browser RUM through its {@code proxy} option: {@code POST /v1/rum/datadog?ddforward=...},
 * NDJSON, zlib or plain.
 */
public final class DatadogRumEndpoint implements IngestEndpoint {
  public static final String PATH = "/v1/rum/datadog";

  private final RumIntake intake;

  public DatadogRumEndpoint(TelemetrySink sink, RumIntakeSettings settings) {
    this(sink, settings, System::nanoTime);
  }

  DatadogRumEndpoint(TelemetrySink sink, RumIntakeSettings settings, LongSupplier nanoClock) {
    this.intake = new RumIntake(sink, settings, new DatadogRumDecoder(), nanoClock);
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public CompletionStage<IngestResponse> handle(IngestRequest request) {
    return intake.handle(request);
  }
}
