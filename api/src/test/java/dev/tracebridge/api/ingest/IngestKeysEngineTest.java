package dev.tracebridge.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracebridge.api.CheckoutTrace;
import dev.tracebridge.api.EngineHttp;
import dev.tracebridge.api.EnginePorts;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** tracebridge.ingest.keys: OTLP over HTTP and gRPC and the RUM intakes require a key bound to an app. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ExtendWith(OutputCaptureExtension.class)
class IngestKeysEngineTest {
  private static final String SHOP_KEY = "shop-key-" + UUID.randomUUID();
  private static final String SHOP_KEY_NEXT = "shop-key-rotated-" + UUID.randomUUID();
  private static final String ADMIN_KEY = "admin-key-" + UUID.randomUUID();
  private static final String WRONG_KEY = "wrong-key-" + UUID.randomUUID();
  private static final EnginePorts PORTS = EnginePorts.free();
  private final IngestClient client = new IngestClient(PORTS.ingest(), PORTS.grpc());

  @DynamicPropertySource
  static void engine(DynamicPropertyRegistry registry) {
    PORTS.registerInMemoryEngine(registry);
    registry.add("tracebridge.ingest.keys.shop-web", () -> SHOP_KEY + "," + SHOP_KEY_NEXT);
    registry.add("tracebridge.ingest.keys.admin-web", () -> ADMIN_KEY);
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void httpExportWithoutKey_answers401ProblemWithChallenge() {
    HttpResponse<String> response = postSpans(Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("www-authenticate")).contains("Bearer realm=\"tracebridge-ingest\"");
    assertThat(EngineHttp.parse(response.body()).get("detail").asString()).contains("missing ingest key");
  }

  @Test
  void httpExportWithWrongKey_answers401AndNoKeyIsLogged(CapturedOutput output) {
    HttpResponse<String> response = postSpans(Map.of("Authorization", "Bearer " + WRONG_KEY));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(output.getAll()).contains("ingest key refused: unknown key " + IngestKeys.fingerprint(WRONG_KEY))
        .doesNotContain(WRONG_KEY).doesNotContain(SHOP_KEY).doesNotContain(ADMIN_KEY);
  }

  @Test
  void httpExportWithBearerOrKeyHeader_isStored() {
    HttpResponse<String> bearer = postSpans(Map.of("Authorization", "Bearer " + SHOP_KEY));
    HttpResponse<String> header = postSpans(Map.of(PresentedKey.KEY_HEADER, SHOP_KEY_NEXT));

    assertThat(bearer.statusCode()).as(bearer.body()).isEqualTo(200);
    assertThat(header.statusCode()).as(header.body()).isEqualTo(200);
  }

  @Test
  void grpcExportWithoutOrWithWrongKey_isUnauthenticated(CapturedOutput output) {
    assertThatThrownBy(() -> client.export("stock", Map.of()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    assertThatThrownBy(() -> client.export("stock", Map.of("authorization", "Bearer " + WRONG_KEY)))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
          assertThat(e.getStatus().getDescription()).doesNotContain(WRONG_KEY);
        });
    assertThat(output.getAll()).doesNotContain(WRONG_KEY);
  }

  @Test
  void grpcExportWithRightKey_isStored() {
    var bearer = client.export("stock", Map.of("authorization", "Bearer " + ADMIN_KEY));
    var header = client.export("stock", Map.of(PresentedKey.KEY_HEADER, SHOP_KEY));

    assertThat(bearer.getPartialSuccess().getRejectedSpans()).isZero();
    assertThat(header.getPartialSuccess().getRejectedSpans()).isZero();
  }

  @Test
  void rumUnderKeyOfShopWebClaimingAdminWeb_answers403() {
    CheckoutTrace foreign = checkout("admin-web");

    HttpResponse<String> response = client.post("/v1/rum", "application/json", foreign.rumJson(),
        Map.of(PresentedKey.KEY_HEADER, SHOP_KEY));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(EngineHttp.parse(response.body()).get("detail").asString()).contains("'admin-web' is not allowed");
  }

  @Test
  void rumUnderKeyOfItsOwnApp_isAccepted() {
    HttpResponse<String> shop = client.post("/v1/rum", "application/json", checkout("shop-web").rumJson(),
        Map.of("Authorization", "Bearer " + SHOP_KEY));
    HttpResponse<String> admin = client.post("/v1/rum", "application/json", checkout("admin-web").rumJson(),
        Map.of(PresentedKey.KEY_HEADER, ADMIN_KEY));

    assertThat(shop.statusCode()).as(shop.body()).isEqualTo(202);
    assertThat(admin.statusCode()).as(admin.body()).isEqualTo(202);
  }

  @Test
  void rumWithoutKey_answers401() {
    HttpResponse<String> response = client.post("/v1/rum", "application/json", checkout("shop-web").rumJson(),
        Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void preflightWithoutKey_isAnswered() {
    HttpResponse<String> response = client.send("OPTIONS", "/v1/traces", Map.of("Origin", "https://shop.example",
        "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", PresentedKey.KEY_HEADER));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("access-control-allow-headers")).contains(PresentedKey.KEY_HEADER);
  }

  private HttpResponse<String> postSpans(Map<String, String> headers) {
    return client.post("/v1/traces", "application/json", IngestClient.oneSpanJson("stock"), headers);
  }

  private static CheckoutTrace checkout(String app) {
    CheckoutTrace t = CheckoutTrace.startingAt(System.currentTimeMillis() - 60_000L);
    return new CheckoutTrace(t.traceId(), t.browserSpanId(), t.serverSpanId(), t.dbSpanId(), app, t.sessionId(),
        t.viewId(), t.startMillis(), t.serverService());
  }
}
