package dev.tracebridge.rum;

import dev.tracebridge.core.ingest.IngestEndpoint;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.core.ingest.TelemetrySink;
import dev.tracebridge.rum.nativeformat.NativeRumDecoder;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/** {@code POST /v1/rum}: native v1 events (docs/rum-events.md), a JSON array or NDJSON. */
public final class NativeRumEndpoint implements IngestEndpoint {
  public static final String PATH = "/v1/rum";

  private final RumIntake intake;

  public NativeRumEndpoint(TelemetrySink sink, RumIntakeSettings settings) {
    this(sink, settings, System::nanoTime);
  }

  NativeRumEndpoint(TelemetrySink sink, RumIntakeSettings settings, LongSupplier nanoClock) {
    this.intake = new RumIntake(sink, settings, new NativeRumDecoder(), nanoClock);
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
