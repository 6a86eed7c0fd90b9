package dev.tracebridge.rum;

import dev.tracebridge.core.ingest.IngestEndpoint;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.core.ingest.TelemetrySink;
import dev.tracebridge.rum.faro.FaroPayloadDecoder;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Grafana Faro's web SDK: {@code POST /v1/rum/faro} with its JSON payload (meta, events, exceptions,
 * measurements, logs, traces).
 */
public final class FaroEndpoint implements IngestEndpoint {
  public static final String PATH = "/v1/rum/faro";

  private final RumIntake intake;

  public FaroEndpoint(TelemetrySink sink, RumIntakeSettings settings) {
    this(sink, settings, System::nanoTime);
  }

  FaroEndpoint(TelemetrySink sink, RumIntakeSettings settings, LongSupplier nanoClock) {
    this.intake = new RumIntake(sink, settings, new FaroPayloadDecoder(), nanoClock);
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
