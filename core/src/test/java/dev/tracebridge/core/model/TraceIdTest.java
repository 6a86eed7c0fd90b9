package dev.tracebridge.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceIdTest {

  @Test
  void w3cTraceparentId_keepsAll128Bits() {
    TraceId id = TraceId.fromHex("0af7651916cd43dd8448eb211c80319c");
    assertThat(id.toHex()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(id.is64Bit()).isFalse();
  }

  @Test
  void upperCaseHex_isLowerCasedCanonically() {
    assertThat(TraceId.fromHex("0AF7651916CD43DD8448EB211C80319C").toHex())
        .isEqualTo("0af7651916cd43dd8448eb211c80319c");
  }

  @Test
  void datadogRumZeroPaddedW3c_equalsSixteenHexB3Id() {
    TraceId padded = TraceId.fromHex("0000000000000000aff1073d5209cd60");
    TraceId b3 = TraceId.fromHex("aff1073d5209cd60");
    assertThat(padded).isEqualTo(b3);
    assertThat(padded.is64Bit()).isTrue();
    assertThat(b3.toHex()).isEqualTo("0000000000000000aff1073d5209cd60");
  }

  @Test
  void datadogDecimal_mapsToHexOfLow64Bits() {
    // REFERENCE.md §1 example; 9532127138774266268 = 0x8448eb211c80319c
    TraceId id = TraceId.fromDecimal("9532127138774266268");
    assertThat(id.toHex()).isEqualTo("00000000000000008448eb211c80319c");
  }

  @Test
  void datadogFixture_decimalHeaderEqualsItsW3cTraceparent() {
    // From fixtures/datadog-browser-rum-7.16.2/backend-received-headers.json ("all" propagators).
    TraceId fromDatadog = TraceId.fromDecimal("5022023626287078999");
    TraceId fromW3c = TraceId.fromHex("000000000000000045b1cfe15a75de57");
    TraceId fromB3 = TraceId.fromHex("45b1cfe15a75de57");
    assertThat(fromDatadog).isEqualTo(fromW3c).isEqualTo(fromB3);
    assertThat(SpanId.fromDecimal("7079473598917281266")).isEqualTo(SpanId.fromHex("623f57bac43885f2"));
  }

  @Test
  void unpaddedJaegerHex_isZeroPadded() {
    assertThat(TraceId.fromHex("4c482a98660715").toHex()).isEqualTo("0000000000000000004c482a98660715");
    assertThat(SpanId.fromHex("7fce86b54436").toHex()).isEqualTo("00007fce86b54436");
  }

  @Test
  void unpaddedHighHalf_isParsedFromTheRight() {
    // 20 hex digits: the high half is the leading 4.
    TraceId id = TraceId.fromHex("abcd0123456789abcdef");
    assertThat(id.high()).isEqualTo(0xabcdL);
    assertThat(id.low()).isEqualTo(0x0123456789abcdefL);
  }

  @Test
  void guanceW3c_lowHalfEqualsSpanId() {
    // Guance puts trace64 + span64 into the W3C trace id; the low 64 bits are the span id.
    TraceId id = TraceId.fromHex("4c482a98660715997fce86b544364257");
    assertThat(id.key()).isEqualTo(new TraceKey(SpanId.fromHex("7fce86b544364257").value()));
  }

  @Test
  void sixtyFourBitAndFullId_shareTheKeyAndMatch() {
    TraceId full = TraceId.fromHex("464d5ff3a7c6ba328448eb211c80319c");
    TraceId low = TraceId.fromDecimal("9532127138774266268");
    assertThat(full.key()).isEqualTo(low.key());
    assertThat(full.sameTraceAs(low)).isTrue();
    assertThat(low.sameTraceAs(full)).isTrue();
  }

  @Test
  void differentHighHalves_doNotMatchEvenWithSameLow() {
    TraceId a = TraceId.fromHex("464d5ff3a7c6ba328448eb211c80319c");
    TraceId b = TraceId.fromHex("564d5ff3a7c6ba328448eb211c80319c");
    assertThat(a.key()).isEqualTo(b.key());
    assertThat(a.sameTraceAs(b)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      "0af7651916cd43dd8448eb211c80319c, 0af7651916cd43dd8448eb211c80319c",
      "aff1073d5209cd60, 0000000000000000aff1073d5209cd60",
      "9532127138774266268, 00000000000000008448eb211c80319c",
      "' 4C482A9866071599 ', 00000000000000004c482a9866071599",
      "4c482a9866071, 00000000000000000004c482a9866071",
      "18446744073709551615, 0000000000000000ffffffffffffffff"
  })
  void parse_acceptsEveryTextualForm(String text, String canonical) {
    assertThat(TraceId.parse(text).toHex()).isEqualTo(canonical);
  }

  @Test
  void bytes_roundTrip() {
    TraceId id = TraceId.fromHex("0af7651916cd43dd8448eb211c80319c");
    assertThat(TraceId.fromBytes(id.toBytes())).isEqualTo(id);
    SpanId span = SpanId.fromHex("b7ad6b7169203331");
    assertThat(SpanId.fromBytes(span.toBytes())).isEqualTo(span);
  }

  @Test
  void allZero_isRejectedWithReason() {
    assertThatThrownBy(() -> TraceId.fromHex("00000000000000000000000000000000"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all zero");
    assertThatThrownBy(() -> SpanId.fromHex("0000000000000000"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all zero");
  }

  @Test
  void malformed_isRejectedWithReason() {
    assertThatThrownBy(() -> TraceId.fromHex("0af7651916cd43dd8448eb211c80319cff"))
        .hasMessageContaining("34 hex digits");
    assertThatThrownBy(() -> TraceId.fromHex("zz")).hasMessageContaining("not a hex digit");
    assertThatThrownBy(() -> TraceId.fromDecimal("18446744073709551616"))
        .hasMessageContaining("does not fit in 64 bits");
    assertThatThrownBy(() -> TraceId.fromBytes(new byte[15])).hasMessageContaining("15 bytes");
    assertThatThrownBy(() -> TraceId.parse("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hexWrittenAsBytes_isTheSameTextAsToHex() {
    Random random = new Random(5);
    byte[] out = new byte[40];
    for (int i = 0; i < 1_000; i++) {
      TraceId trace = TraceId.of(random.nextLong() >>> random.nextInt(64), random.nextLong() | 1);
      SpanId span = SpanId.of(random.nextLong() | 1);

      trace.writeHex(out, 3);
      assertThat(new String(out, 3, 32, StandardCharsets.US_ASCII)).isEqualTo(trace.toHex());
      span.writeHex(out, 1);
      assertThat(new String(out, 1, 16, StandardCharsets.US_ASCII)).isEqualTo(span.toHex());
    }
  }
}
