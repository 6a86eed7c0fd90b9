package dev.tracebridge.rum;

import static dev.tracebridge.rum.IntakeCalls.call;
import static dev.tracebridge.rum.IntakeCalls.json;
import static dev.tracebridge.rum.IntakeCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.ingest.IngestReceipt;
import dev.tracebridge.core.ingest.IngestRefusedException;
import dev.tracebridge.core.ingest.IngestResponse;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/** Bounds, allow-list, rate limit and durability: the rules every intake shares, seen through /v1/rum. */
class RumIntakeRulesTest {
  private static final String EVENT = NativeRumEndpointTest.ISSUE_2_RESOURCE.replace("\n", "");

  private final RecordingSink sink = new RecordingSink();

  private static String batchOf(int count, String app) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      if (i > 0) out.append(',');
      out.append(EVENT.replace("\"shop-web\"", "\"" + app + "\"").replace("42.5", Integer.toString(i)));
    }
    return out.append(']').toString();
  }

  @Test
  void moreEventsThanAllowed_answers413AndStoresNothing() {
    var endpoint = new NativeRumEndpoint(sink, new RumIntakeSettings(Set.of(), 0, 3, 1 << 20));

    IngestResponse response = call(endpoint, post("/v1/rum", batchOf(4, "shop-web")));

    assertThat(response.status()).isEqualTo(413);
    assertThat(json(response).path("detail").asString()).isEqualTo("events: more than 3 (expected: <= 3)");
    assertThat(sink.events()).isEmpty();
  }

  @Test
  void bodyInflatingPastTheLimit_answers413() throws Exception {
    var endpoint = new NativeRumEndpoint(sink, new RumIntakeSettings(Set.of(), 0, 1000, 64 * 1024));
    ByteArrayOutputStream zlib = new ByteArrayOutputStream();
    try (var out = new DeflaterOutputStream(zlib)) {
      out.write(("[" + " ".repeat(1 << 20) + "]").getBytes());
    }
    assertThat(zlib.size()).isLessThan(64 * 1024);

    IngestResponse response = call(endpoint, post("/v1/rum", zlib.toByteArray(), Map.of(), Map.of()));

    assertThat(response.status()).isEqualTo(413);
    assertThat(json(response).path("detail").asString()).contains("once decompressed");
  }

  @Test
  void truncatedZlib_answers400() throws Exception {
    var endpoint = new NativeRumEndpoint(sink, RumIntakeSettings.defaults());
    ByteArrayOutputStream zlib = new ByteArrayOutputStream();
    try (var out = new DeflaterOutputStream(zlib)) {
      out.write(batchOf(20, "shop-web").getBytes());
    }
    byte[] truncated = java.util.Arrays.copyOf(zlib.toByteArray(), zlib.size() / 2);

    IngestResponse response = call(endpoint, post("/v1/rum", truncated, Map.of(), Map.of()));

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).path("detail").asString()).startsWith("body: truncated zlib stream");
  }

  @Test
  void appNotAllowed_answers403() {
    var endpoint = new NativeRumEndpoint(sink, new RumIntakeSettings(Set.of("shop-web"), 0, 1000, 1 << 20));

    IngestResponse response = call(endpoint, post("/v1/rum", batchOf(2, "intruder")));

    assertThat(response.status()).isEqualTo(403);
    assertThat(json(response).path("detail").asString()).isEqualTo("app.id: 'intruder' is not allowed on this intake");
    assertThat(sink.events()).isEmpty();
  }

  @Test
  void batchMixingApps_keepsTheAllowedOnes() {
    var endpoint = new NativeRumEndpoint(sink, new RumIntakeSettings(Set.of("shop-web"), 0, 1000, 1 << 20));
    String mixed = batchOf(1, "shop-web").replace("]", "," + batchOf(1, "intruder").substring(1));

    IngestResponse response = call(endpoint, post("/v1/rum", mixed));

    assertThat(response.status()).isEqualTo(202);
    assertThat(json(response).path("accepted").asInt()).isEqualTo(1);
    assertThat(json(response).path("errors").get(0).path("index").asInt()).isEqualTo(1);
    assertThat(sink.events()).extracting(e -> e.context().appId()).containsExactly("shop-web");
  }

  @Test
  void rateAboveTheAppsLimit_answers429WithRetryAfter() {
    AtomicLong clock = new AtomicLong();
    // 1 event/s holds a 10 s burst: 10 events pass, the 11th waits a second.
    var endpoint = new NativeRumEndpoint(sink, new RumIntakeSettings(Set.of(), 1, 1000, 1 << 20), clock::get);
    assertThat(call(endpoint, post("/v1/rum", batchOf(10, "shop-web"))).status()).isEqualTo(202);

    IngestResponse limited = call(endpoint, post("/v1/rum", batchOf(1, "shop-web")));
    IngestResponse otherApp = call(endpoint, post("/v1/rum", batchOf(1, "admin-web")));
    clock.addAndGet(Duration.ofSeconds(1).toNanos());
    IngestResponse later = call(endpoint, post("/v1/rum", batchOf(1, "shop-web")));

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.headers()).containsEntry("Retry-After", "1");
    assertThat(json(limited).path("detail").asString()).contains("[shop-web]");
    assertThat(otherApp.status()).isEqualTo(202);
    assertThat(later.status()).isEqualTo(202);
    assertThat(sink.events()).hasSize(12);
  }

  @Test
  void batchLargerThanTheBurst_passesOnAFullBucketAndDelaysTheNext() {
    AtomicLong clock = new AtomicLong();
    var endpoint = new NativeRumEndpoint(sink, new RumIntakeSettings(Set.of(), 1, 1000, 1 << 20), clock::get);

    IngestResponse big = call(endpoint, post("/v1/rum", batchOf(30, "shop-web")));
    IngestResponse next = call(endpoint, post("/v1/rum", batchOf(1, "shop-web")));

    assertThat(big.status()).isEqualTo(202);
    assertThat(next.status()).isEqualTo(429);
    assertThat(next.headers()).containsEntry("Retry-After", "21");
  }

  @Test
  void sinkOverloaded_answers429WithItsRetryAfter() {
    sink.answerWith(batch -> CompletableFuture.failedFuture(new IngestRefusedException(
        IngestRefusedException.Reason.OVERLOADED, Duration.ofMillis(2500), "in-flight writes at the limit")));
    var endpoint = new NativeRumEndpoint(sink, RumIntakeSettings.defaults());

    IngestResponse response = call(endpoint, post("/v1/rum", batchOf(1, "shop-web")));

    assertThat(response.status()).isEqualTo(429);
    assertThat(response.headers()).containsEntry("Retry-After", "3");
    assertThat(json(response).path("detail").asString()).contains("in-flight writes at the limit");
  }

  @Test
  void storeUnavailable_answers503WithItsRetryAfter() {
    sink.answerWith(batch -> CompletableFuture.failedFuture(new IngestRefusedException(
        IngestRefusedException.Reason.STORAGE_UNAVAILABLE, Duration.ofSeconds(10), "cassandra timed out")));
    var endpoint = new NativeRumEndpoint(sink, RumIntakeSettings.defaults());

    IngestResponse response = call(endpoint, post("/v1/rum", batchOf(1, "shop-web")));

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.headers()).containsEntry("Retry-After", "10");
  }

  @Test
  void anyOtherSinkFailure_answers503NeverA500() {
    sink.answerWith(batch -> CompletableFuture.failedFuture(new IllegalStateException("driver bug")));
    var endpoint = new NativeRumEndpoint(sink, RumIntakeSettings.defaults());

    IngestResponse response = call(endpoint, post("/v1/rum", batchOf(1, "shop-web")));

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.headers()).containsEntry("Retry-After", "5");
    assertThat(json(response).path("detail").asString()).doesNotContain("driver bug");
  }

  @Test
  void sinkThrowingInsteadOfFailingItsStage_answers503() {
    sink.answerWith(batch -> {
      throw new IllegalStateException("not started");
    });
    var endpoint = new NativeRumEndpoint(sink, RumIntakeSettings.defaults());

    assertThat(call(endpoint, post("/v1/rum", batchOf(1, "shop-web"))).status()).isEqualTo(503);
  }

  @Test
  void answer_waitsUntilTheSinkSaysDurable() {
    CompletableFuture<IngestReceipt> durable = new CompletableFuture<>();
    sink.answerWith(batch -> durable);
    var endpoint = new NativeRumEndpoint(sink, RumIntakeSettings.defaults());

    CompletionStage<IngestResponse> answer = endpoint.handle(post("/v1/rum", batchOf(2, "shop-web")));

    assertThat(answer.toCompletableFuture()).isNotDone();
    durable.complete(IngestReceipt.accepted(2));
    assertThat(answer.toCompletableFuture()).isCompletedWithValueMatching(r -> r.status() == 202);
  }

  @Test
  void settings_refuseNonsense() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new RumIntakeSettings(Set.of(), -1, 1, 1))
        .withMessage("perAppEventsPerSecond: -1.0 (expected: >= 0, 0 = unlimited)");
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new RumIntakeSettings(Set.of(), 0, 0, 1))
        .withMessage("maxEventsPerBatch: 0 (expected: > 0)");
  }
}
