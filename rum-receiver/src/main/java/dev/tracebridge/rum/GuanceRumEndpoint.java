package dev.tracebridge.rum;

import dev.tracebridge.core.ingest.IngestEndpoint;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.core.ingest.TelemetrySink;
import dev.tracebridge.rum.guance.GuanceRumDecoder;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Guance / DataKit RUM: {@code POST /v1/write/rum?precision=ms} in InfluxDB line protocol, so an SDK
 * whose {@code datakitOrigin} points here just works.
 */
public final class GuanceRumEndpoint implements IngestEndpoint {
  public static final String PATH = "/v1/write/rum";

  private final RumIntake intake;

  public GuanceRumEndpoint(TelemetrySink sink, RumIntakeSettings settings) {
    this(sink, settings, System::nanoTime);
  }

  GuanceRumEndpoint(TelemetrySink sink, RumIntakeSettings settings, LongSupplier nanoClock) {
    this.intake = new RumIntake(sink, settings, new GuanceRumDecoder(), nanoClock);
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
