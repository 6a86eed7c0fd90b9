package dev.tracebridge.store.cassandra.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.InstrumentationScope;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.storage.TestTelemetry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkCodecTest {

  @Test
  void spans_roundTripInOrder() {
    TraceId traceId = TestTelemetry.randomTraceId();
    List<Span> spans = List.of(TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null),
        TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), TestTelemetry.randomSpanId()));

    List<Span> read = ChunkCodec.decodeSpans(ByteBuffer.wrap(ChunkCodec.encodeSpans(spans)), e -> {
      throw e;
    });

    assertThat(read).containsExactlyElementsOf(spans);
  }

  @Test
  void resources_roundTrip() {
    RumResource resource = TestTelemetry.fullResource(TestTelemetry.randomTraceId(), TestTelemetry.randomSpanId());

    List<RumEvent> read = ChunkCodec.decodeEvents(ByteBuffer.wrap(ChunkCodec.encodeEvents(List.of(resource))),
        e -> {
          throw e;
        });

    assertThat(read).containsExactly(resource);
  }

  @Test
  void oneDamagedRecord_isReportedAndTheOthersRead() {
    TraceId traceId = TestTelemetry.randomTraceId();
    Span first = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null);
    Span second = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null);
    byte[] chunk = ChunkCodec.encodeSpansUncompressed(List.of(first, second));
    // The first record starts after the format byte, the count and its 4 length bytes: its own format byte.
    chunk[6] = 9;

    for (byte[] stored : List.of(chunk, ChunkCodec.compressed(chunk))) {
      List<CorruptPayloadException> damaged = new ArrayList<>();

      List<Span> read = ChunkCodec.decodeSpans(ByteBuffer.wrap(stored), damaged::add);

      assertThat(read).containsExactly(second);
      assertThat(damaged).singleElement().extracting(Throwable::getMessage).asString().contains("format 9");
    }
  }

  @Test
  void formatOneChunk_isStillRead() {
    TraceId traceId = TestTelemetry.randomTraceId();
    List<Span> spans = List.of(TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null));
    byte[] formatOne = ChunkCodec.encodeSpansUncompressed(spans);

    assertThat(formatOne[0]).isEqualTo((byte) ChunkCodec.FORMAT_V1);
    assertThat(ChunkCodec.decodeSpans(ByteBuffer.wrap(formatOne), e -> {
      throw e;
    })).containsExactlyElementsOf(spans);
  }

  @Test
  void spansOfOneService_areStoredCompressed() {
    TraceId traceId = TestTelemetry.randomTraceId();
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 10; i++) spans.add(TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null));

    byte[] stored = ChunkCodec.encodeSpans(spans);

    assertThat(stored[0]).isEqualTo((byte) ChunkCodec.FORMAT_V2_LZ4);
    // Each span repeats its resource and scope: the chunk must shrink by well over half.
    assertThat(stored.length).isLessThan(ChunkCodec.encodeSpansUncompressed(spans).length / 2);
  }

  @Test
  void recordBytes_isTheSizeBeforeCompression() {
    TraceId traceId = TestTelemetry.randomTraceId();
    List<Span> spans = List.of(TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null),
        TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null));
    byte[] formatOne = ChunkCodec.encodeSpansUncompressed(spans);

    assertThat(ChunkCodec.recordBytes(ChunkCodec.encodeSpans(spans))).isEqualTo(formatOne.length);
    assertThat(ChunkCodec.recordBytes(formatOne)).isEqualTo(formatOne.length);
  }

  @Test
  void truncatedCompressedChunk_failsTheChunk() {
    TraceId traceId = TestTelemetry.randomTraceId();
    byte[] stored = ChunkCodec.encodeSpans(List.of(TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(),
        null)));
    byte[] truncated = Arrays.copyOf(stored, stored.length - 3);

    assertThatThrownBy(() -> ChunkCodec.decodeSpans(ByteBuffer.wrap(truncated), e -> {}))
        .isInstanceOf(CorruptPayloadException.class).hasMessageContaining("compressed chunk");
  }

  @Test
  void compressedChunkClaimingHugeLength_failsBeforeAllocating() {
    // Format 2, then a varint of 2^31 - 1 bytes.
    byte[] chunk = {2, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0, 0};

    assertThatThrownBy(() -> ChunkCodec.decodeSpans(ByteBuffer.wrap(chunk), e -> {}))
        .isInstanceOf(CorruptPayloadException.class).hasMessageContaining("claims 2147483647 bytes");
  }

  @Test
  void lengthBeyondTheChunk_failsTheChunk() {
    byte[] chunk = {1, 1, 0, 0, 0, (byte) 200, 1};

    assertThatThrownBy(() -> ChunkCodec.decodeSpans(ByteBuffer.wrap(chunk), e -> {}))
        .isInstanceOf(CorruptPayloadException.class).hasMessageContaining("200 bytes");
  }

  @Test
  void nonAsciiStrings_roundTripThroughTheSinglePassWriter() {
    TraceId traceId = TestTelemetry.randomTraceId();
    // 50 three-byte chars: the 150-byte string needs a 2-byte length prefix, as does its 150-char bound.
    // 43 two-byte chars: 86 bytes need 1 prefix byte, while the bound of 129 needs 2, so bytes are moved.
    Span span = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null).toBuilder()
        .name("€".repeat(50) + "é".repeat(43) + "\uD83D\uDE00" + "\uD800").build();
    Span shortName = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null).toBuilder()
        .name("é".repeat(43)).build();

    assertThat(SpanCodec.decode(ByteBuffer.wrap(SpanCodec.encode(span)))).isEqualTo(span);
    assertThat(SpanCodec.decode(ByteBuffer.wrap(SpanCodec.encode(shortName)))).isEqualTo(shortName);
  }

  @Test
  void spansOfOneExport_shareOneResourceScopeAndKeyInstance() {
    TraceId traceId = TestTelemetry.randomTraceId();
    Span first = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null);
    Span second = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), first.spanId());

    List<Span> read = decodeStrictly(List.of(first, second));

    assertThat(read).containsExactly(first, second);
    assertThat(read.get(1).resource()).isSameAs(read.get(0).resource());
    assertThat(read.get(1).scope()).isSameAs(read.get(0).scope());
    String firstKey = read.get(0).attributes().asMap().keySet().iterator().next();
    assertThat(read.get(1).attributes().asMap().keySet().iterator().next()).isSameAs(firstKey);
  }

  @Test
  void resourceChangingBetweenRecords_isReadAgainEachTime() {
    TraceId traceId = TestTelemetry.randomTraceId();
    Span checkout = TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null);
    Span pricing = checkout.toBuilder().spanId(TestTelemetry.randomSpanId())
        .resource(Resource.of(Attributes.builder().put("service.name", "pricing").build())).build();
    Span otherScope = checkout.toBuilder().spanId(TestTelemetry.randomSpanId())
        .scope(new InstrumentationScope("io.opentelemetry.jdbc", "2.1", Attributes.empty(), 0, "")).build();
    List<Span> spans = List.of(checkout, pricing, checkout, otherScope, pricing);

    List<Span> read = decodeStrictly(spans);

    assertThat(read).containsExactlyElementsOf(spans);
    assertThat(read).extracting(Span::serviceName).containsExactly("checkout", "pricing", "checkout", "checkout",
        "pricing");
  }

  @Test
  void manyShortStringsSharingTableSlots_eachReadBackAsWritten() {
    // 3,000 distinct short keys and values over 128 slots: most lookups meet another string in their slot.
    Random random = new Random(3);
    String alphabet = "ab\u00e9\u20ac\"\\ .\n";
    TraceId traceId = TestTelemetry.randomTraceId();
    List<Span> spans = new ArrayList<>();
    for (int s = 0; s < 100; s++) {
      Attributes.Builder attributes = Attributes.builder();
      for (int a = 0; a < 30; a++) {
        String key = randomText(random, alphabet, 1 + random.nextInt(6));
        attributes.put(key, randomText(random, alphabet, random.nextInt(60)));
      }
      spans.add(TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null).toBuilder()
          .name(randomText(random, alphabet, random.nextInt(8))).attributes(attributes.build()).build());
    }

    assertThat(decodeStrictly(spans)).containsExactlyElementsOf(spans);
  }

  @Test
  void chunksDecodedOneAfterAnother_eachKeepsItsOwnSpans() {
    // Every chunk of a thread is decompressed into the same reused array.
    TraceId large = TestTelemetry.randomTraceId();
    List<Span> many = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      many.add(TestTelemetry.fullSpan(large, TestTelemetry.randomSpanId(), null).toBuilder().name("op " + i).build());
    }
    TraceId small = TestTelemetry.randomTraceId();
    List<Span> few = List.of(TestTelemetry.fullSpan(small, TestTelemetry.randomSpanId(), null).toBuilder()
        .attributes(Attributes.builder().put("note", "x".repeat(200)).build()).build());

    List<Span> manyRead = decodeStrictly(many);
    List<Span> fewRead = decodeStrictly(few);
    List<RumEvent> eventsRead = ChunkCodec.decodeEvents(ByteBuffer.wrap(ChunkCodec.encodeEvents(
        List.of(TestTelemetry.fullResource(small, TestTelemetry.randomSpanId())))), e -> {
          throw e;
        });
    List<Span> manyAgain = decodeStrictly(many);

    assertThat(manyRead).containsExactlyElementsOf(many);
    assertThat(fewRead).containsExactlyElementsOf(few);
    assertThat(eventsRead).hasSize(1);
    assertThat(manyAgain).containsExactlyElementsOf(many);
  }

  @Test
  void damagedRecordReportedWhileDecoding_canDecodeAnotherChunk() {
    TraceId traceId = TestTelemetry.randomTraceId();
    List<Span> other = List.of(TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null));
    List<Span> decodedInside = new ArrayList<>();
    byte[] damaged = ChunkCodec.encodeSpansUncompressed(List.of(
        TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null),
        TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null).toBuilder().name("second").build()));
    damaged[1 + 1 + 4] = (byte) 0x7F; // the first record's format byte
    byte[] stored = ChunkCodec.compressed(damaged);

    List<Span> read = ChunkCodec.decodeSpans(ByteBuffer.wrap(stored), e -> decodedInside.addAll(decodeStrictly(other)));

    assertThat(read).extracting(Span::name).containsExactly("second");
    assertThat(decodedInside).containsExactlyElementsOf(other);
  }

  /** The spans of a chunk encoded from {@code spans}; any damaged record fails the test. */
  private static List<Span> decodeStrictly(List<Span> spans) {
    return ChunkCodec.decodeSpans(ByteBuffer.wrap(ChunkCodec.encodeSpans(spans)), e -> {
      throw e;
    });
  }

  private static String randomText(Random random, String alphabet, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    return text.toString();
  }
}
