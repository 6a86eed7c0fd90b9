package dev.tracebridge.correlator;

import static dev.tracebridge.correlator.Requests.MS;
import static dev.tracebridge.correlator.Requests.T0;
import static dev.tracebridge.correlator.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.join.LinkMatch;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.Sampling;
import dev.tracebridge.core.storage.TraceRecords;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceJoinerTest {
  private static final TraceId FULL = TraceId.fromHex("4bf92f3577b34da6a3ce929d0e0e4736");
  private static final TraceId LOW = TraceId.of(0, FULL.low());
  private static final SpanId BROWSER = SpanId.fromHex("00f067aa0ba902b7");
  private static final SpanId SERVER = SpanId.fromHex("53995c3f42cd8ad8");

  private final TraceJoiner joiner = new TraceJoiner();

  @Test
  void browser128Bits_backend128Bits_linksExactly() {
    RumResource resource = request().w3c(FULL, BROWSER).build();
    Span server = server(FULL, SERVER, BROWSER);

    JoinedTrace joined = join(FULL, List.of(server), List.of(resource));

    assertThat(joined.links()).containsExactly(new TraceLink("res-1", BROWSER, SERVER, LinkMatch.EXACT));
    assertThat(joined.warnings()).isEmpty();
  }

  @Test
  void sixtyFourBitSpellings_decimal16HexZeroPaddedUnpadded_allMeetTheSameBackendSpan() {
    long low = 0x0aff1073d5209cd6L;
    TraceId backend = TraceId.fromHex("00000000000000000aff1073d5209cd6");
    List<TraceId> browserSpellings = List.of(
        TraceId.fromDecimal(Long.toUnsignedString(low)),
        TraceId.fromHex("0aff1073d5209cd6"),
        TraceId.fromHex("aff1073d5209cd6"),
        TraceId.fromHex("00000000000000000AFF1073D5209CD6"));
    for (TraceId browserId : browserSpellings) {
      RumResource resource = request().context(HeaderFormat.DATADOG, browserId, BROWSER, Sampling.SAMPLED).build();

      JoinedTrace joined = join(browserId, List.of(server(backend, SERVER, BROWSER)), List.of(resource));

      assertThat(browserId.key()).isEqualTo(backend.key());
      assertThat(joined.links()).as(browserId.toHex()).extracting(TraceLink::match).containsExactly(LinkMatch.EXACT);
    }
  }

  @Test
  void browser64Bits_backend128Bits_linksOnLow64Bits_andReadsAsTheFullId() {
    RumResource resource = request().context(HeaderFormat.DATADOG, LOW, BROWSER, Sampling.SAMPLED).build();

    JoinedTrace joined = join(LOW, List.of(server(FULL, SERVER, BROWSER)), List.of(resource));

    assertThat(joined.traceId()).isEqualTo(FULL);
    assertThat(joined.links()).extracting(TraceLink::match).containsExactly(LinkMatch.LOW_64_BITS);
  }

  @Test
  void severalFormatsWithTheSameIds_giveOneEdge_theStrongest() {
    RumResource resource = request()
        .context(HeaderFormat.DATADOG, LOW, BROWSER, Sampling.SAMPLED)
        .context(HeaderFormat.B3_MULTI, FULL, BROWSER, Sampling.SAMPLED)
        .w3c(FULL, BROWSER).build();

    JoinedTrace joined = join(FULL, List.of(server(FULL, SERVER, BROWSER)), List.of(resource));

    assertThat(joined.links()).containsExactly(new TraceLink("res-1", BROWSER, SERVER, LinkMatch.EXACT));
  }

  @Test
  void severalFormatsWithDifferentIds_theTraceTheBackendContinuedHasTheEdge() {
    TraceId w3cId = FULL;
    TraceId b3Id = TraceId.fromHex("80f198ee56343ba864fe8b2a57d3eff7");
    SpanId b3Span = SpanId.fromHex("e457b5a2e4d86bd1");
    RumResource resource = request().w3c(w3cId, BROWSER)
        .context(HeaderFormat.B3_SINGLE, b3Id, b3Span, Sampling.SAMPLED).build();
    Span continuedB3 = server(b3Id, SERVER, b3Span);

    assertThat(join(b3Id, List.of(continuedB3), List.of(resource)).links())
        .containsExactly(new TraceLink("res-1", b3Span, SERVER, LinkMatch.EXACT));
    assertThat(join(w3cId, List.of(), List.of(resource)).resources()).containsExactly(resource);
    assertThat(CorrelatingSink.joinKeys(resource)).containsExactly(w3cId.key(), b3Id.key());
  }

  @Test
  void spanResentUnderANewId_isShownOnce_andItsChildrenFollowTheKeptOne() {
    RumResource resource = request().w3c(FULL, BROWSER).build();
    Span original = server(FULL, SERVER, BROWSER);
    Span copy = original.toBuilder().spanId(SpanId.fromHex("ffffffffffffff01")).build();
    Span childOfCopy = Spans.child(copy, SpanId.fromHex("0000000000000abc"), "checkout", SpanKind.CLIENT,
        T0 + 20 * MS, T0 + 30 * MS).build();

    JoinedTrace joined = join(FULL, List.of(original, copy, childOfCopy), List.of(resource));

    assertThat(joined.spans()).extracting(Span::spanId).containsExactly(SERVER, childOfCopy.spanId());
    assertThat(joined.spans().get(1).parentSpanId()).isEqualTo(SERVER);
    assertThat(joined.links()).hasSize(1);
    assertThat(joined.warnings()).singleElement().asString().contains("copy of span " + SERVER);
  }

  @Test
  void wholeTraceResentUnderNewIds_isShownOnce() {
    RumResource resource = request().w3c(FULL, BROWSER).build();
    Span server = server(FULL, SERVER, BROWSER);
    Span db = Spans.child(server, SpanId.fromHex("0000000000000abc"), "checkout", SpanKind.CLIENT,
        T0 + 20 * MS, T0 + 30 * MS).build();
    Span serverCopy = server.toBuilder().spanId(SpanId.fromHex("ffffffffffffff01")).build();
    Span dbCopy = db.toBuilder().spanId(SpanId.fromHex("ffffffffffffff02")).parentSpanId(serverCopy.spanId()).build();

    JoinedTrace joined = join(FULL, List.of(dbCopy, serverCopy, server, db), List.of(resource));

    assertThat(joined.spans()).containsExactly(server, db);
    assertThat(joined.links()).hasSize(1);
    assertThat(joined.warnings()).hasSize(2);
  }

  @Test
  void resourceResentUnderANewEventId_isShownOnce() {
    RumResource first = request().eventId("res-a").w3c(FULL, BROWSER).build();
    RumResource copy = request().eventId("res-b").w3c(FULL, BROWSER).build();

    JoinedTrace joined = join(FULL, List.of(server(FULL, SERVER, BROWSER)), List.of(copy, first));

    assertThat(joined.resources()).extracting(RumResource::eventId).containsExactly("res-a");
    assertThat(joined.links()).extracting(TraceLink::resourceEventId).containsExactly("res-a");
    assertThat(joined.warnings()).singleElement().asString().contains("res-b").contains("copy of resource res-a");
  }

  @Test
  void twoAppsReportingTheSameRequest_areBothKept() {
    RumResource datadog = request().eventId("dd-1").app("shop-dd").w3c(FULL, BROWSER).build();
    RumResource otel = request().eventId("otel-1").app("shop-otel").w3c(FULL, BROWSER).build();

    JoinedTrace joined = join(FULL, List.of(server(FULL, SERVER, BROWSER)), List.of(datadog, otel));

    assertThat(joined.links()).extracting(TraceLink::resourceEventId).containsExactlyInAnyOrder("dd-1", "otel-1");
  }

  @Test
  void serverThatReusedTheBrowserSpanId_isLinkedAsRepairedSharedSpan() {
    RumResource resource = request().context(HeaderFormat.B3_MULTI, FULL, BROWSER, Sampling.SAMPLED).build();
    Span shared = server(FULL, BROWSER, null);

    JoinedTrace joined = join(FULL, List.of(shared), List.of(resource));

    assertThat(joined.links()).containsExactly(new TraceLink("res-1", BROWSER, BROWSER, LinkMatch.REPAIRED));
    assertThat(joined.warnings()).singleElement().asString().contains("shared span");
  }

  @Test
  void hopThatRegeneratedTheParentId_isLinkedAsRepairedByTraceId() {
    RumResource resource = request().w3c(FULL, BROWSER).build();
    SpanId madeUp = SpanId.fromHex("1111111111111111");
    Span server = server(FULL, SERVER, madeUp);
    Span db = Spans.child(server, SpanId.fromHex("2222222222222222"), "checkout", SpanKind.CLIENT,
        T0 + 30 * MS, T0 + 40 * MS).build();

    JoinedTrace joined = join(FULL, List.of(server, db), List.of(resource));

    assertThat(joined.links()).containsExactly(new TraceLink("res-1", BROWSER, SERVER, LinkMatch.REPAIRED));
    assertThat(joined.warnings()).singleElement().asString().contains("re-generated");
  }

  @Test
  void orphanWithoutAnyUnlinkedResource_staysAnOrphanWithAWarning() {
    RumResource linked = request().w3c(FULL, BROWSER).build();
    Span server = server(FULL, SERVER, BROWSER);
    Span orphan = server(FULL, SpanId.fromHex("3333333333333333"), SpanId.fromHex("4444444444444444"));

    JoinedTrace joined = join(FULL, List.of(server, orphan), List.of(linked));

    assertThat(joined.links()).hasSize(1);
    assertThat(joined.warnings()).singleElement().asString().contains("not in the trace");
  }

  @Test
  void responseTraceparent_linksTheDocumentToTheNamedServerSpan() {
    RumResource document = request().eventId("doc-1")
        .context(HeaderFormat.RESPONSE, FULL, SERVER, Sampling.SAMPLED).build();

    JoinedTrace joined = join(FULL, List.of(server(FULL, SERVER, null)), List.of(document));

    assertThat(joined.links()).containsExactly(new TraceLink("doc-1", SERVER, SERVER, LinkMatch.RESPONSE));
    assertThat(joined.verdicts()).isEmpty();
  }

  @Test
  void responseIdWithoutSpanId_linksTheTracesEntryServerSpan() {
    RumResource document = request().eventId("doc-1")
        .context(HeaderFormat.RESPONSE, LOW, null, Sampling.UNKNOWN).build();
    Span entry = server(LOW, SERVER, null);
    Span inner = Spans.child(entry, SpanId.fromHex("5555555555555555"), "checkout", SpanKind.SERVER,
        T0 + 20 * MS, T0 + 30 * MS).build();

    JoinedTrace joined = join(LOW, List.of(inner, entry), List.of(document));

    assertThat(joined.links()).containsExactly(new TraceLink("doc-1", SERVER, SERVER, LinkMatch.RESPONSE));
  }

  @Test
  void requestIdsThatLink_winOverTheResponseIds() {
    RumResource resource = request().w3c(FULL, BROWSER)
        .context(HeaderFormat.RESPONSE, FULL, SERVER, Sampling.SAMPLED).build();

    JoinedTrace joined = join(FULL, List.of(server(FULL, SERVER, BROWSER)), List.of(resource));

    assertThat(joined.links()).containsExactly(new TraceLink("res-1", BROWSER, SERVER, LinkMatch.EXACT));
  }

  @Test
  void tracedResource_withoutDecidedVerdict_isPending_withTheBrowsersSamplingDecision() {
    RumResource resource = request().context(HeaderFormat.W3C, FULL, BROWSER, Sampling.NOT_SAMPLED).build();

    JoinedTrace joined = join(FULL, List.of(), List.of(resource));

    assertThat(joined.verdicts()).singleElement().satisfies(v -> {
      assertThat(v.verdict().wireName()).isEqualTo("pending");
      assertThat(v.browserSampling()).isEqualTo(Sampling.NOT_SAMPLED);
    });
  }

  private JoinedTrace join(TraceId requested, List<Span> spans, List<RumResource> resources) {
    return joiner.join(requested, new TraceRecords(requested.key(), spans, resources));
  }

  private static Span server(TraceId traceId, SpanId spanId, SpanId parent) {
    return Spans.server(traceId, spanId, parent, "checkout", T0 + 15 * MS, T0 + 80 * MS).build();
  }
}
