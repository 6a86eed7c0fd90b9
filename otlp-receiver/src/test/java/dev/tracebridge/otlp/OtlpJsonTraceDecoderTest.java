package dev.tracebridge.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracebridge.core.model.AttributeValue;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.SpanStatus;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpJsonTraceDecoderTest {
  private static final String TRACE = "5b8efff798038103d269b633813fc60c";
  private static final String SPAN = "eee19b7ec3c1b174";
  private final OtlpJsonTraceDecoder decoder = new OtlpJsonTraceDecoder(OtlpLimits.defaults());

  @Test
  void browserSdkExport_decodesEverySpanAsSent() throws Exception {
    DecodedExport decoded = decoder.decode(Fixtures.read("otel-web-2.12/otlp-traces-1.json"));

    assertThat(decoded.rejected()).isZero();
    assertThat(decoded.spans()).hasSize(4);
    Span first = decoded.spans().get(0);
    assertThat(first.traceId().toHex()).isEqualTo("70b7af70c3f45a3457abdade80457af6");
    assertThat(first.spanId().toHex()).isEqualTo("c6d0f991ef1dbd3e");
    assertThat(first.isRoot()).isTrue();
    assertThat(first.name()).isEqualTo("GET");
    assertThat(first.kind()).isEqualTo(SpanKind.CLIENT);
    assertThat(first.flags()).isEqualTo(257);
    assertThat(first.startEpochNanos()).isEqualTo(1795614169471000000L);
    assertThat(first.endEpochNanos()).isEqualTo(1795614169499000000L);
    assertThat(first.attributes().get("http.response.status_code")).isEqualTo(AttributeValue.of(200L));
    assertThat(first.attributes().getText("url.full")).isEqualTo("http://localhost:46423/allow/otel-fetch");
    assertThat(first.events()).extracting(e -> e.name()).containsExactly("fetchStart",
        "domainLookupStart", "domainLookupEnd", "connectStart", "connectEnd", "requestStart",
        "responseStart", "responseEnd");
    assertThat(first.events().get(5).epochNanos()).isEqualTo(1795614169489499902L);
    assertThat(first.serviceName()).isEqualTo("probe-web-otel");
    assertThat(first.resource().attributes().getText("service.version")).isEqualTo("1.2.3");
    assertThat(first.scope().name()).isEqualTo("@opentelemetry/instrumentation-fetch");
    assertThat(first.scope().version()).isEqualTo("0.223.0");
    assertThat(decoded.spans()).extracting(s -> s.spanId().toHex())
        .containsExactly("c6d0f991ef1dbd3e", "f1a992dfd4fe87a5", "39456cab979083e1", "a06f99670c8a2025");
  }

  @Test
  void javaSdkJson_decodesExactlyAsItsProtobuf() throws Exception {
    List<SpanData> sdkSpans = SdkSpans.record();
    TraceRequestMarshaler marshaler = TraceRequestMarshaler.create(sdkSpans);
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    marshaler.writeJsonTo(json);
    ByteArrayOutputStream protobuf = new ByteArrayOutputStream();
    marshaler.writeBinaryTo(protobuf);

    DecodedExport fromJson = decoder.decode(json.toByteArray());
    DecodedExport fromProtobuf =
        new OtlpTraceDecoder(OtlpLimits.defaults()).decode(protobuf.toByteArray());

    assertThat(fromJson).isEqualTo(fromProtobuf);
    SdkSpanAssertions.assertArrivedWhole(fromJson.spans(), sdkSpans);
  }

  @Test
  void everyAnyValueKind_inItsJsonForms() throws Exception {
    String json = request("""
        "attributes": [
          {"key": "s", "value": {"stringValue": "text"}},
          {"key": "b", "value": {"boolValue": true}},
          {"key": "i-number", "value": {"intValue": -42}},
          {"key": "i-string", "value": {"intValue": "9223372036854775807"}},
          {"key": "d", "value": {"doubleValue": 1.5}},
          {"key": "d-int", "value": {"doubleValue": 3}},
          {"key": "d-nan", "value": {"doubleValue": "NaN"}},
          {"key": "d-inf", "value": {"doubleValue": "-Infinity"}},
          {"key": "bytes", "value": {"bytesValue": "AP8q"}},
          {"key": "bytes-url", "value": {"bytesValue": "AP-q"}},
          {"key": "array", "value": {"arrayValue": {"values": [
            {"arrayValue": {"values": [{"intValue": 1}, {"stringValue": "two"}]}},
            {"kvlistValue": {"values": [{"key": "k", "value": {"boolValue": false}}]}},
            {}]}}},
          {"key": "empty-array", "value": {"arrayValue": {}}},
          {"key": "empty-map", "value": {"kvlistValue": {"values": []}}},
          {"key": "unset", "value": {}},
          {"key": "null", "value": null},
          {"key": "no-value"}
        ]""");

    Attributes attributes = decoder.decode(utf8(json)).spans().get(0).attributes();

    assertThat(attributes).isEqualTo(Attributes.builder()
        .put("s", "text").put("b", true).put("i-number", -42L).put("i-string", Long.MAX_VALUE)
        .put("d", 1.5).put("d-int", 3.0).put("d-nan", Double.NaN)
        .put("d-inf", Double.NEGATIVE_INFINITY)
        .put("bytes", new AttributeValue.BytesValue(new byte[] {0, -1, 42}))
        .put("bytes-url", new AttributeValue.BytesValue(new byte[] {0, -1, -86}))
        .put("array", new AttributeValue.ArrayValue(List.of(
            new AttributeValue.ArrayValue(List.of(AttributeValue.of(1L), AttributeValue.of("two"))),
            new AttributeValue.KeyValueList(Attributes.builder().put("k", false).build()),
            AttributeValue.Empty.INSTANCE)))
        .put("empty-array", new AttributeValue.ArrayValue(List.of()))
        .put("empty-map", new AttributeValue.KeyValueList(Attributes.empty()))
        .put("unset", AttributeValue.Empty.INSTANCE)
        .put("null", AttributeValue.Empty.INSTANCE)
        .put("no-value", AttributeValue.Empty.INSTANCE)
        .build());
  }

  @Test
  void protoFieldNamesEnumNamesAndStringNumbers_acceptedLikeCamelCase() throws Exception {
    String snake = """
        {"resource_spans": [{"schema_url": "https://schema/r", "resource": {"dropped_attributes_count": "2",
          "attributes": [{"key": "service.name", "value": {"string_value": "api"}}]},
         "scope_spans": [{"schema_url": "https://schema/s", "scope": {"name": "lib", "version": "1"},
          "spans": [{"trace_id": "%s", "span_id": "%s", "parent_span_id": "00f067aa0ba902b7",
            "trace_state": "a=b", "name": "op", "kind": "SPAN_KIND_SERVER", "flags": "1",
            "start_time_unix_nano": 1700000000000000000, "end_time_unix_nano": "1700000000000000001",
            "dropped_attributes_count": 1, "dropped_events_count": 2, "dropped_links_count": 3,
            "attributes": [{"key": "n", "value": {"int_value": "5"}}],
            "events": [{"time_unix_nano": "7", "name": "e", "dropped_attributes_count": 4}],
            "status": {"code": "STATUS_CODE_ERROR", "message": "bad"}}]}]}]}
        """.formatted(TRACE.toUpperCase(java.util.Locale.ROOT), SPAN);

    Span span = decoder.decode(utf8(snake)).spans().get(0);

    assertThat(span.traceId().toHex()).isEqualTo(TRACE);
    assertThat(span.parentSpanId().toHex()).isEqualTo("00f067aa0ba902b7");
    assertThat(span.traceState()).isEqualTo("a=b");
    assertThat(span.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(span.flags()).isEqualTo(1);
    assertThat(span.startEpochNanos()).isEqualTo(1700000000000000000L);
    assertThat(span.endEpochNanos()).isEqualTo(1700000000000000001L);
    assertThat(span.droppedAttributesCount()).isEqualTo(1);
    assertThat(span.droppedEventsCount()).isEqualTo(2);
    assertThat(span.droppedLinksCount()).isEqualTo(3);
    assertThat(span.attributes().get("n")).isEqualTo(AttributeValue.of(5L));
    assertThat(span.events().get(0).epochNanos()).isEqualTo(7);
    assertThat(span.events().get(0).droppedAttributesCount()).isEqualTo(4);
    assertThat(span.status()).isEqualTo(SpanStatus.of(SpanStatus.Code.ERROR, "bad"));
    assertThat(span.resource().schemaUrl()).isEqualTo("https://schema/r");
    assertThat(span.resource().droppedAttributesCount()).isEqualTo(2);
    assertThat(span.serviceName()).isEqualTo("api");
    assertThat(span.scope().schemaUrl()).isEqualTo("https://schema/s");
  }

  @Test
  void resourceAndScopeAfterTheSpans_stillApplyToThem() throws Exception {
    String json = """
        {"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "%s", "spanId": "%s"}],
          "scope": {"name": "late-scope"}}], "resource": {"attributes": [
            {"key": "service.name", "value": {"stringValue": "late-service"}}]}}]}
        """.formatted(TRACE, SPAN);

    Span span = decoder.decode(utf8(json)).spans().get(0);

    assertThat(span.serviceName()).isEqualTo("late-service");
    assertThat(span.scope().name()).isEqualTo("late-scope");
  }

  @Test
  void unknownFields_ignoredAtEveryLevel() throws Exception {
    String json = """
        {"future": {"a": [1, {"b": null}]}, "resourceSpans": [{"x": 1, "resource": {"y": [2]},
          "scopeSpans": [{"z": "s", "spans": [{"traceId": "%s", "spanId": "%s", "newField": {"q": [true]},
            "status": {"extra": 1}, "attributes": [{"key": "k", "extra": 3,
            "value": {"stringValue": "v", "futureKind": {"w": 1}}}]}]}]}]}
        """.formatted(TRACE, SPAN);

    DecodedExport decoded = decoder.decode(utf8(json));

    assertThat(decoded.spans()).hasSize(1);
    assertThat(decoded.spans().get(0).attributes().getText("k")).isEqualTo("v");
  }

  @Test
  void badHexIds_rejectTheirSpanOnlyAndParsingGoesOn() throws Exception {
    String json = """
        {"resourceSpans": [{"scopeSpans": [{"spans": [
          {"traceId": "not-hex-not-hex-not-hex-not-hex!", "spanId": "%2$s", "name": "a"},
          {"traceId": "%1$s", "spanId": "0000000000000000", "name": "b"},
          {"traceId": "%1$s", "spanId": "%2$s", "parentSpanId": "abc", "name": "c"},
          {"traceId": "%1$s", "spanId": "%2$s", "parentSpanId": "0000000000000000", "name": "d"},
          {"spanId": "%2$s", "name": "e"}]}]}]}
        """.formatted(TRACE, SPAN);

    DecodedExport decoded = decoder.decode(utf8(json));

    assertThat(decoded.spans()).extracting(Span::name).containsExactly("d");
    assertThat(decoded.spans().get(0).isRoot()).isTrue();
    assertThat(decoded.rejected()).isEqualTo(4);
    assertThat(decoded.rejectionMessage())
        .contains("spans[0] rejected: traceId: 'not-hex-not-hex-not-hex-not-hex!' (expected: 32 hex digits)")
        .contains("spans[1] rejected: spanId: all zero")
        .contains("spans[2] rejected: parentSpanId: 'abc' (expected: 16 hex digits, or empty for a root span)")
        .contains("spans[4] rejected: traceId: missing");
  }

  @Test
  void oversizedAttribute_droppedCountedAndReported() throws Exception {
    OtlpJsonTraceDecoder small = new OtlpJsonTraceDecoder(new OtlpLimits(1 << 20, 1 << 20, 8));
    String json = request("""
        "droppedAttributesCount": 1, "attributes": [
          {"key": "big", "value": {"stringValue": "123456789"}},
          {"key": "multibyte", "value": {"stringValue": "ééééé"}},
          {"key": "ok", "value": {"stringValue": "1234"}}]""");

    DecodedExport decoded = small.decode(utf8(json));

    Span span = decoded.spans().get(0);
    assertThat(span.attributes().asMap()).containsOnlyKeys("ok");
    assertThat(span.droppedAttributesCount()).isEqualTo(3);
    assertThat(decoded.rejectionMessage()).contains("attribute 'big' dropped: value larger than 8 bytes")
        .contains("attribute 'multibyte' dropped");
  }

  @Test
  void emptyBody_failsSayingAnObjectIsExpected() {
    assertThatThrownBy(() -> decoder.decode(new byte[0]))
        .isInstanceOf(MalformedExportException.class)
        .hasMessageContaining("empty body");
  }

  @Test
  void wrongValueType_failsNamingFieldPathAndOffset() {
    String json = request("\"startTimeUnixNano\": true");

    assertThatThrownBy(() -> decoder.decode(utf8(json)))
        .isInstanceOf(MalformedExportException.class)
        .hasMessageStartingWith("/resourceSpans/0/scopeSpans/0/spans/0/startTimeUnixNano: expected an "
            + "unsigned 64-bit integer (number or decimal string), got boolean true (at byte ")
        .extracting(e -> ((MalformedExportException) e).field())
        .isEqualTo("/resourceSpans/0/scopeSpans/0/spans/0/startTimeUnixNano");
  }

  @Test
  void truncatedJson_failsWithOffset() {
    byte[] json = utf8(request("\"name\": \"x\""));
    byte[] truncated = java.util.Arrays.copyOf(json, json.length - 10);

    assertThatThrownBy(() -> decoder.decode(truncated))
        .isInstanceOf(MalformedExportException.class)
        .hasMessageStartingWith("undecodable JSON")
        .hasMessageContaining("end-of-input")
        .hasMessageContaining("(at byte ");
  }

  @Test
  void intValueOutOfRange_fails() {
    String json = request("""
        "attributes": [{"key": "k", "value": {"intValue": "9223372036854775808"}}]""");

    assertThatThrownBy(() -> decoder.decode(utf8(json)))
        .isInstanceOf(MalformedExportException.class)
        .hasMessageContaining("intValue: expected an int64 as a decimal string");
  }

  @Test
  void invalidUtf8_fails() {
    byte[] json = utf8(request("\"name\": \"AB\""));
    int at = new String(json, StandardCharsets.ISO_8859_1).indexOf("AB");
    json[at] = (byte) 0xC3;
    json[at + 1] = (byte) 0x28;

    assertThatThrownBy(() -> decoder.decode(json))
        .isInstanceOf(MalformedExportException.class)
        .hasMessageContaining("Invalid UTF-8");
  }

  @Test
  void trailingContent_fails() {
    assertThatThrownBy(() -> decoder.decode(utf8("{} {}")))
        .isInstanceOf(MalformedExportException.class)
        .hasMessageContaining("unexpected content after the request object");
  }

  @Test
  void notAnObject_fails() {
    assertThatThrownBy(() -> decoder.decode(utf8("[1, 2]")))
        .isInstanceOf(MalformedExportException.class)
        .hasMessageContaining("expected a JSON object (ExportTraceServiceRequest), got an array");
  }

  /** A request with one valid span carrying the given extra span fields. */
  private static String request(String spanFields) {
    return """
        {"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "%s", "spanId": "%s", %s}]}]}]}
        """.formatted(TRACE, SPAN, spanFields);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
