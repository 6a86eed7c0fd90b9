package dev.tracebridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * A trace as the API answered {@code GET /api/v1/traces/{id}}, read the way an engineer would: the
 * backend's span, the browser's resource for the same request, and the link that joins them.
 */
final class BrowserJoinedTrace {
  /** The brief's bound: SDK batches, the backend's export and the store all land well within it. */
  static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 250;
  private static final int OK = 200;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  final String askedId;
  final int status;
  final JsonNode body;

  private BrowserJoinedTrace(String askedId, int status, JsonNode body) {
    this.askedId = askedId;
    this.status = status;
    this.body = body;
  }

  /**
   * Asks the API for trace {@code id} until the backend span of {@code request} and a link to it from
   * the resource for {@code url} are there, or {@link #JOIN_TIMEOUT} passes; returns the last answer
   * either way, for the assertions to explain.
   */
  static BrowserJoinedTrace await(EngineProcess engine, String id, BrowserBackendRequest request, String url)
      throws Exception {
    return await(engine, id, t -> t.span(request.spanId()).isPresent() && t.resource(url)
        .flatMap(r -> t.link(r.path("eventId").asString())).isPresent());
  }

  static BrowserJoinedTrace await(EngineProcess engine, String id, Predicate<BrowserJoinedTrace> complete)
      throws Exception {
    long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
    BrowserJoinedTrace last;
    do {
      HttpResponse<String> response = engine.get("/api/v1/traces/" + id);
      JsonNode body = response.statusCode() == OK ? JSON.readTree(response.body()) : MissingNode.getInstance();
      last = new BrowserJoinedTrace(id, response.statusCode(), body);
      if (last.status == OK && complete.test(last)) return last;
      Thread.sleep(POLL_MILLIS);
    } while (System.nanoTime() < deadline);
    return last;
  }

  Optional<JsonNode> span(String spanId) {
    return find("spans", s -> s.path("spanId").asString().equals(spanId));
  }

  Optional<JsonNode> resource(String url) {
    return find("rum/resources", r -> r.path("url").asString().equals(url));
  }

  Optional<JsonNode> link(String resourceEventId) {
    return find("links", l -> l.path("resourceEventId").asString().equals(resourceEventId));
  }

  private Optional<JsonNode> find(String path, Predicate<JsonNode> matches) {
    JsonNode items = body.at("/" + path);
    return StreamSupport.stream(items.spliterator(), false).filter(matches).findFirst();
  }

  /**
   * Asserts the whole join for one request: the backend's server span continuing the browser's span,
   * the browser's resource of {@code type} for {@code url}, and the link from that resource to the span.
   */
  void assertJoins(BrowserBackendRequest request, String url, String type) {
    String context = "trace " + askedId + " (HTTP " + status + "): " + body;
    assertThat(status).as(context).isEqualTo(OK);

    JsonNode span = span(request.spanId()).orElseThrow(() ->
        new AssertionError("no backend span " + request.spanId() + " in " + context));
    assertThat(span.path("service").asString()).as(context).isEqualTo(BrowserTestBackend.SERVICE_NAME);
    assertThat(span.path("kind").asString()).as(context).isEqualTo("SERVER");
    assertThat(span.path("parentSpanId").asString()).as("backend span's parent, " + context)
        .isEqualTo(request.parentSpanId());

    JsonNode resource = resource(url).orElseThrow(() ->
        new AssertionError("no RUM resource for " + url + " in " + context));
    assertThat(resource.path("type").asString()).as(context).isEqualTo(type);
    assertThat(resource.path("statusCode").asInt()).as(context).isEqualTo(OK);
    assertThat(resource.path("spanId").asString()).as("resource's propagated span, " + context)
        .isEqualTo(request.parentSpanId());

    String eventId = resource.path("eventId").asString();
    JsonNode link = link(eventId).orElseThrow(() ->
        new AssertionError("no link from resource " + eventId + " in " + context));
    assertThat(link.path("childSpanId").asString()).as(context).isEqualTo(request.spanId());
    assertThat(link.path("propagatedSpanId").asString()).as(context).isEqualTo(request.parentSpanId());
    assertThat(link.path("match").asString()).as(context).isEqualTo("exact");
  }
}
