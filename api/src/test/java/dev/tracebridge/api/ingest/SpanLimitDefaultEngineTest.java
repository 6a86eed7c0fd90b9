package dev.tracebridge.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.api.MemoryEngineTest;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.storage.TraceStore;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Without tracebridge.ingest.per-client-spans-per-second (0, the default) no export is refused for its size. */
class SpanLimitDefaultEngineTest extends MemoryEngineTest {
  /** Large exports back to back: any span limit a default could plausibly hold would be in debt after one. */
  private static final int SPANS = 2_000;
  private static final int EXPORTS = 4;
  private final IngestClient client = new IngestClient(PORTS.ingest(), PORTS.grpc());

  @Autowired TraceStore store;

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void largeExportsBackToBack_overHttpAndGrpc_areAllStored() throws Exception {
    for (int i = 0; i < EXPORTS; i++) {
      byte[] httpTrace = randomTrace();
      byte[] grpcTrace = randomTrace();

      HttpResponse<byte[]> answer = client.postProtobuf("/v1/traces",
          IngestClient.spans("stock", httpTrace, SPANS).toByteArray(), Map.of());
      client.export(IngestClient.spans("stock", grpcTrace, SPANS), Map.of());

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(storedSpans(httpTrace)).isEqualTo(SPANS);
      assertThat(storedSpans(grpcTrace)).isEqualTo(SPANS);
    }
  }

  private int storedSpans(byte[] trace) throws Exception {
    TraceId id = TraceId.fromHex(HexFormat.of().formatHex(trace));
    return store.readTrace(TraceKey.of(id)).toCompletableFuture().get(10, TimeUnit.SECONDS)
        .matching(id).spans().size();
  }

  private static byte[] randomTrace() {
    byte[] id = new byte[16];
    ThreadLocalRandom.current().nextBytes(id);
    return id;
  }
}
