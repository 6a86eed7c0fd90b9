package dev.tracebridge.rum;

import static dev.tracebridge.rum.IntakeCalls.call;
import static dev.tracebridge.rum.IntakeCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumAction;
import dev.tracebridge.core.rum.RumError;
import dev.tracebridge.core.rum.RumLongTask;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.RumView;
import dev.tracebridge.core.rum.Sampling;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A batch written the way Guance's browser SDK serialises it (GuanceCloud/datakit-js: tag and field names
 * from packages/core/src/dataMap.js, escaping from helper/serialisation/rowData.js: tags backslash-escape
 * whitespace, '=', ',' and '"'; string fields are quoted with '\"' and '\\'; objects become quoted JSON;
 * numbers are bare; one point per event, ms timestamps, newline-separated, as transport/batch.js joins
 * them). Tags with an empty value are left out, as the SDK does.
 */
class GuanceRumEndpointTest {
  private static final String COMMON = "sdk_name=df_web_rum_sdk,sdk_version=3.2.24,app_id=shop_web_app,"
      + "env=production,service=shop-web,version=1.0.0,source=browser,userid=user-42,"
      + "session_id=5d0bd1a1-2c0e-4b8d-9d1a-6a4f5f1c2b3e,session_type=user,is_signin=T,os=Linux,"
      + "browser=Chrome,browser_version=156.0.0.0,screen_size=1280*720,network_type=4g,"
      + "view_id=0b5f6a1e-8c2d-4e3f-9a1b-2c3d4e5f6a7b,view_url=http://127.0.0.1:8000/cart?id\\=1,"
      + "view_host=127.0.0.1:8000,view_path=/cart,view_name=/cart,view_path_group=/cart";
  static final String BATCH = String.join("\n",
      "view," + COMMON + ",view_loading_type=initial_load view_url_query=\"{\\\"id\\\":\\\"1\\\"}\","
          + "view_in_foreground=true,display=\"{\\\"viewport\\\":{\\\"width\\\":1280,\\\"height\\\":720}}\","
          + "is_active=true,view_error_count=1,view_resource_count=3,view_long_task_count=1,view_action_count=1,"
          + "first_contentful_paint=100000000,largest_contentful_paint=100000000,loading_time=250000000,"
          + "dom_interactive=77700000,dom_content_loaded=77900000,dom_complete=79400000,load_event=79400000,"
          + "time_spent=789000000,first_byte=9100000 1795614571547",
      "resource," + COMMON + ",trace_id=aff1073d5209cd6063577867d8150a93,span_id=63577867d8150a93,"
          + "resource_id=7e1c9d2a-5b3f-4c1d-8e2f-9a0b1c2d3e4f,resource_status=200,resource_status_group=2xx,"
          + "resource_method=POST view_in_foreground=true,duration=8100000,resource_size=794,"
          + "resource_url=\"http://localhost:8080/api/cart?id=1\",resource_url_host=\"localhost:8080\","
          + "resource_url_path=\"/api/cart\",resource_url_path_group=\"/api/cart\",resource_delivery_type=\"other\","
          + "resource_type=\"fetch\",resource_protocol=\"http/1.1\",resource_encode_size=794,resource_decode_size=794,"
          + "resource_transfer_size=1094,resource_first_byte=1300000,resource_trans=900000,resource_ttfb=1300000,"
          + "resource_first_byte_time=\"{\\\"duration\\\":1300000,\\\"start\\\":5900000}\","
          + "resource_download_time=\"{\\\"duration\\\":900000,\\\"start\\\":7200000}\" 1795614571600",
      "error," + COMMON + ",error_id=3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f,error_source=source,error_type=TypeError,"
          + "error_handling=unhandled view_in_foreground=true,"
          + "error_message=\"Cannot read properties of undefined (reading 'id')\","
          + "error_stack=\"TypeError: Cannot read properties of undefined (reading 'id')\n"
          + "    at renderCart (http://127.0.0.1:8000/app.js:10:5)\n"
          + "    at main (http://127.0.0.1:8000/app.js:2:1)\" 1795614571700",
      "long_task," + COMMON + ",long_task_id=9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d "
          + "view_in_foreground=true,duration=75000000,blocking_duration=25000000 1795614571800",
      "action," + COMMON + ",action_type=click action_id=\"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d\","
          + "action_name=\"Add to cart\",duration=30000000,action_error_count=0,action_resource_count=1,"
          + "action_long_task_count=0 1795614571900",
      "telemetry,sdk_name=df_web_rum_sdk,app_id=shop_web_app status=\"debug\",message=\"sdk started\" 1795614571950",
      "");

  private final RecordingSink sink = new RecordingSink();
  private final GuanceRumEndpoint endpoint = new GuanceRumEndpoint(sink, RumIntakeSettings.defaults());

  private static IngestRequest write(byte[] body, Map<String, String> query) {
    return new IngestRequest("POST", "/v1/write/rum", query, Map.of(), body);
  }

  private static IngestRequest write(String body) {
    return write(body.getBytes(StandardCharsets.UTF_8), Map.of("precision", "ms"));
  }

  @Test
  void path_isDataKitsRumWrite() {
    assertThat(endpoint.path()).isEqualTo("/v1/write/rum");
  }

  @Test
  void sdkBatch_storesEveryRumMeasurementAndSkipsTelemetry() {
    IngestResponse response = call(endpoint, write(BATCH));

    assertThat(response.status()).isEqualTo(202);
    JsonNode receipt = json(response);
    assertThat(receipt.path("accepted").asInt()).isEqualTo(5);
    assertThat(receipt.path("rejected").asInt()).isZero();
    assertThat(receipt.path("skipped").asInt()).isEqualTo(1);
    assertThat(sink.events(RumView.class)).hasSize(1);
    assertThat(sink.events(RumResource.class)).hasSize(1);
    assertThat(sink.events(RumError.class)).hasSize(1);
    assertThat(sink.events(RumLongTask.class)).hasSize(1);
    assertThat(sink.events(RumAction.class)).hasSize(1);
  }

  @Test
  void resource_carriesItsRequestTimingAndReportedIds() {
    call(endpoint, write(BATCH));

    RumResource resource = sink.events(RumResource.class).get(0);
    assertThat(resource.eventId()).isEqualTo("7e1c9d2a-5b3f-4c1d-8e2f-9a0b1c2d3e4f");
    assertThat(resource.epochNanos()).isEqualTo(1_795_614_571_600_000_000L);
    assertThat(resource.url()).isEqualTo("http://localhost:8080/api/cart?id=1");
    assertThat(resource.method()).isEqualTo("POST");
    assertThat(resource.statusCode()).isEqualTo(200);
    assertThat(resource.type()).isEqualTo(ResourceType.FETCH);
    assertThat(resource.durationNanos()).isEqualTo(8_100_000L);
    assertThat(resource.timing()).isEqualTo(new ResourceTiming(ResourceTiming.UNKNOWN, ResourceTiming.UNKNOWN,
        ResourceTiming.UNKNOWN, ResourceTiming.UNKNOWN, ResourceTiming.UNKNOWN, ResourceTiming.UNKNOWN,
        ResourceTiming.UNKNOWN, ResourceTiming.UNKNOWN, 5_900_000, 7_200_000, 8_100_000));
    assertThat(resource.propagation()).containsExactly(new PropagatedContext(HeaderFormat.SDK_REPORTED,
        TraceId.fromHex("aff1073d5209cd6063577867d8150a93"), SpanId.fromHex("63577867d8150a93"), Sampling.UNKNOWN));
    assertThat(resource.context().appId()).isEqualTo("shop_web_app");
    assertThat(resource.context().sessionId()).isEqualTo("5d0bd1a1-2c0e-4b8d-9d1a-6a4f5f1c2b3e");
    assertThat(resource.context().viewUrl()).isEqualTo("http://127.0.0.1:8000/cart?id=1");
    assertThat(resource.context().userId()).isEqualTo("user-42");
    assertThat(resource.context().labels()).containsOnly(Map.entry("env", "production"),
        Map.entry("service", "shop-web"), Map.entry("version", "1.0.0"));
    assertThat(resource.attributes().getText("resource_ttfb")).isEqualTo("1300000");
    assertThat(resource.attributes().getText("browser")).isEqualTo("Chrome");
    assertThat(resource.attributes().asMap()).doesNotContainKeys("resource_url", "trace_id", "app_id",
        "resource_first_byte_time");
  }

  @Test
  void viewErrorActionAndLongTask_keepTheirFields() {
    call(endpoint, write(BATCH));

    RumView view = sink.events(RumView.class).get(0);
    assertThat(view.eventId()).isEqualTo("0b5f6a1e-8c2d-4e3f-9a1b-2c3d4e5f6a7b");
    assertThat(view.url()).isEqualTo("http://127.0.0.1:8000/cart?id=1");
    assertThat(view.durationNanos()).isEqualTo(789_000_000L);
    assertThat(view.documentVersion()).isEqualTo(789_000_000L);
    assertThat(view.timingsNanos()).containsEntry("loading_time", 250_000_000L).containsEntry("first_byte", 9_100_000L);
    RumError error = sink.events(RumError.class).get(0);
    assertThat(error.errorType()).isEqualTo("TypeError");
    assertThat(error.message()).isEqualTo("Cannot read properties of undefined (reading 'id')");
    assertThat(error.stack()).hasLineCount(3).contains("at renderCart (http://127.0.0.1:8000/app.js:10:5)");
    assertThat(error.source()).isEqualTo("source");
    RumAction action = sink.events(RumAction.class).get(0);
    assertThat(action.eventId()).isEqualTo("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
    assertThat(action.name()).isEqualTo("Add to cart");
    assertThat(action.actionType()).isEqualTo("click");
    assertThat(action.durationNanos()).isEqualTo(30_000_000L);
    assertThat(sink.events(RumLongTask.class).get(0).durationNanos()).isEqualTo(75_000_000L);
  }

  @Test
  void ddtraceAndSkyWalkingModes_reportIdsInTheirOwnForms() {
    String ddtrace = "resource,app_id=a,trace_id=9532127138774266268,span_id=7158322520130914963 "
        + "resource_url=\"http://x/1\" 1795614571600";
    String skywalking = "resource,app_id=a,trace_id=8c9f6a2e-4d1b-4f3a-9e7c-2b5d8a1f0c34,"
        + "span_id=5b6c2d41-6e0b-4bc4-9a0a-cc3a01b53d0f resource_url=\"http://x/2\" 1795614571601";

    call(endpoint, write(ddtrace + "\n" + skywalking));

    var resources = sink.events(RumResource.class);
    assertThat(resources.get(0).propagation().get(0).traceId().toHex()).isEqualTo("00000000000000008448eb211c80319c");
    assertThat(resources.get(0).propagation().get(0).spanId()).isEqualTo(SpanId.fromHex("63577867d8150a93"));
    assertThat(resources.get(1).propagation().get(0).traceId().toHex()).isEqualTo("8c9f6a2e4d1b4f3a9e7c2b5d8a1f0c34");
    assertThat(resources.get(1).propagation().get(0).spanId()).isNull();
    assertThat(resources.get(1).attributes().getText("trace.header_errors")).startsWith("span_id: ");
  }

  @Test
  void initialDocument_linksAsAResponseContext() {
    call(endpoint, write("resource,app_id=a,trace_id=4bf92f3577b34da6a3ce929d0e0e4736 "
        + "resource_url=\"http://x/\",resource_type=\"document\" 1795614571600"));

    assertThat(sink.events(RumResource.class).get(0).propagation().get(0).format()).isEqualTo(HeaderFormat.RESPONSE);
  }

  @Test
  void timestampPrecision_isHonoured() {
    call(endpoint, write("long_task,app_id=a duration=1 1795614571".getBytes(StandardCharsets.UTF_8),
        Map.of("precision", "s")));
    call(endpoint, write("long_task,app_id=a duration=1 1795614571000000000".getBytes(StandardCharsets.UTF_8), Map.of()));

    assertThat(sink.events()).extracting(e -> e.epochNanos())
        .containsExactly(1_795_614_571_000_000_000L, 1_795_614_571_000_000_000L);
  }

  @Test
  void unknownPrecision_answers400() {
    IngestResponse response = call(endpoint, write("long_task,app_id=a duration=1 1".getBytes(StandardCharsets.UTF_8),
        Map.of("precision", "h")));

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).path("detail").asString()).isEqualTo("precision: 'h' (expected: ns, us, ms or s)");
  }

  @Test
  void badLinesInABatch_areRejectedByLineAndTheRestKept() {
    String body = "long_task,app_id=a duration=1\nlong_task,app_id=a duration=oops 1\nlong_task duration=1 1\n"
        + "long_task,app_id=a duration=1 1795614571800\n";

    IngestResponse response = call(endpoint, write(body));

    assertThat(response.status()).isEqualTo(202);
    assertThat(json(response).path("errors")).extracting(e -> e.path("reason").asString()).containsExactly(
        "line 1: timestamp: missing (expected: the browser's time of the event)",
        "line 2: field 'duration': 'oops' (expected: a number, an integer with i, an unsigned with u, a boolean or a quoted string)",
        "line 3: app_id: missing");
    assertThat(sink.events()).hasSize(1);
  }

  @Test
  void deflatedBody_isInflated() throws Exception {
    ByteArrayOutputStream zlib = new ByteArrayOutputStream();
    try (var out = new DeflaterOutputStream(zlib)) {
      out.write(BATCH.getBytes(StandardCharsets.UTF_8));
    }

    IngestResponse response = call(endpoint, write(zlib.toByteArray(), Map.of("precision", "ms", "encoding", "deflate")));

    assertThat(json(response).path("accepted").asInt()).isEqualTo(5);
  }

  @Test
  void jsonModeOfTheSdk_isReadLikeLineProtocol() {
    String json = """
        [{"measurement":"resource","tags":{"app_id":"shop_web_app","resource_method":"GET","resource_status":"404",
          "trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7"},
          "fields":{"resource_url":"http://x/missing","duration":2000000},"time":1795614571600},
         {"measurement":"action","tags":{"app_id":"shop_web_app"},"fields":{"action_name":"x"},"time":1795614571601}]""";

    IngestResponse response = call(endpoint, new IngestRequest("POST", "/v1/write/rum", Map.of("precision", "ms"),
        Map.of("content-type", "application/json;UTF-8"), json.getBytes(StandardCharsets.UTF_8)));

    assertThat(json(response).path("accepted").asInt()).isEqualTo(2);
    RumResource resource = sink.events(RumResource.class).get(0);
    assertThat(resource.statusCode()).isEqualTo(404);
    assertThat(resource.durationNanos()).isEqualTo(2_000_000L);
  }

  @Test
  void tokenParameter_servesAsTheAppKeyOfTheAllowList() {
    var byToken = new GuanceRumEndpoint(sink, new RumIntakeSettings(Set.of("tok-1"), 0, 1000, 1 << 20));

    assertThat(call(byToken, write(BATCH.getBytes(StandardCharsets.UTF_8),
        Map.of("precision", "ms", "token", "tok-1"))).status()).isEqualTo(202);
    assertThat(call(byToken, write(BATCH)).status()).isEqualTo(403);
  }
}
