package dev.tracebridge.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.api.EngineHttp;
import dev.tracebridge.api.EnginePorts;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code --logging.structured.format.console=ecs} (docs/operations.md): every console line is one ECS
 * JSON object, and the line about a refused ingest key names its fingerprint, never the key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = "logging.structured.format.console=ecs")
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {
  private static final String KEY = "right-key-" + UUID.randomUUID();
  private static final String WRONG_KEY = "wrong-key-" + UUID.randomUUID();
  private static final EnginePorts PORTS = EnginePorts.free();
  private final IngestClient client = new IngestClient(PORTS.ingest(), PORTS.grpc());

  @DynamicPropertySource
  static void engine(DynamicPropertyRegistry registry) {
    PORTS.registerInMemoryEngine(registry);
    registry.add("tracebridge.ingest.keys.shop-web", () -> KEY);
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  /**
   * Boot keeps the format in a system property that later contexts of this test JVM would inherit;
   * clearing it lets them log plain text again when they start.
   */
  @AfterAll
  static void plainLogsForLaterTests() {
    System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
  }

  @Test
  void refusedKey_isLoggedAsParseableJsonWithoutTheKey(CapturedOutput output) {
    HttpResponse<String> response = client.post("/v1/traces", "application/json", IngestClient.oneSpanJson("stock"),
        Map.of("Authorization", "Bearer " + WRONG_KEY));
    assertThat(response.statusCode()).isEqualTo(401);

    List<String> lines = output.getOut().lines().filter(l -> l.contains(IngestKeys.fingerprint(WRONG_KEY))).toList();

    assertThat(lines).hasSize(1);
    JsonNode line = EngineHttp.parse(lines.get(0));
    assertThat(line.get("@timestamp").asString()).isNotEmpty();
    assertThat(line.get("log").get("level").asString()).isEqualTo("INFO");
    assertThat(line.get("message").asString()).startsWith("ingest key refused: unknown key ");
    assertThat(output.getAll()).doesNotContain(WRONG_KEY).doesNotContain(KEY);
  }
}
