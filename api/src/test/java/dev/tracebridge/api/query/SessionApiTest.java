package dev.tracebridge.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.api.CheckoutTrace;
import dev.tracebridge.api.MemoryEngineTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SessionApiTest extends MemoryEngineTest {

  @Test
  void sessionTimeline_listsEventsInOrderWithTheirTraces() {
    CheckoutTrace trace = ingestCheckout();

    JsonNode session = http.json("/api/v1/sessions/shop-web/" + trace.sessionId());

    assertThat(types(session.get("events"))).containsExactly("view", "action", "resource", "error");
    JsonNode resource = session.get("events").get(2);
    assertThat(resource.get("title").asString()).isEqualTo("POST https://api.shop.example/checkout/42 → 503");
    assertThat(resource.get("traceId").asString()).isEqualTo(trace.traceId());
    assertThat(session.get("events").get(1).get("title").asString()).isEqualTo("click Place order");
    assertThat(session.get("traces").get(0).get("traceId").asString()).isEqualTo(trace.traceId());
  }

  @Test
  void viewDetails_holdTheViewItsEventsAndTraces() {
    CheckoutTrace trace = ingestCheckout();

    JsonNode view = http.json("/api/v1/sessions/shop-web/" + trace.sessionId() + "/views/" + trace.viewId());

    assertThat(view.get("view").get("title").asString()).isEqualTo("https://shop.example/checkout");
    assertThat(types(view.get("events"))).contains("resource", "error");
    assertThat(view.get("traces").get(0).get("traceId").asString()).isEqualTo(trace.traceId());
  }

  @Test
  void unknownSession_answers404Problem() {
    var response = http.get("/api/v1/sessions/shop-web/no-such-session");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("\"status\":404").contains("no-such-session");
  }

  private static List<String> types(JsonNode events) {
    List<String> types = new ArrayList<>();
    events.forEach(e -> types.add(e.get("type").asString()));
    return types;
  }
}
