package dev.tracebridge.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.api.EngineHttp;
import dev.tracebridge.api.EnginePorts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ApiTokenTest {
  private static final String TOKEN = "s3cret-token-for-tests";
  private static final EnginePorts PORTS = EnginePorts.free();
  private final EngineHttp http = PORTS.http();

  @DynamicPropertySource
  static void engine(DynamicPropertyRegistry registry) {
    PORTS.registerInMemoryEngine(registry);
    registry.add("tracebridge.api.token", () -> TOKEN);
  }

  @Test
  void noToken_answers401ProblemWithChallenge() {
    var response = http.get("/api/v1/traces?service=checkout");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("www-authenticate")).contains("Bearer realm=\"tracebridge\"");
    assertThat(EngineHttp.parse(response.body()).get("title").asString()).isEqualTo("Unauthorized");
  }

  @Test
  void wrongToken_answers401AndIsNeverLogged(CapturedOutput output) {
    var response = http.get("/api/services", Map.of("Authorization", "Bearer wrong-token-xyz"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(output.getAll()).doesNotContain("wrong-token-xyz").doesNotContain(TOKEN);
  }

  @Test
  void rightToken_isServed() {
    var response = http.get("/api/v1/traces?service=checkout", Map.of("Authorization", "Bearer " + TOKEN));
    var metrics = http.get("/metrics", Map.of("Authorization", "bearer " + TOKEN));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(metrics.statusCode()).isEqualTo(200);
  }

  @Test
  void healthReadinessDocumentAndViewer_stayOpen() {
    assertThat(http.get("/api/v1/health").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/v1/ready").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/v1/openapi.json").statusCode()).isEqualTo(200);
    assertThat(http.get("/").statusCode()).isEqualTo(200);
    assertThat(http.get("/metrics").statusCode()).isEqualTo(401);
  }
}
