package dev.tracebridge.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonBytesTest {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonBytes.Name VALUE = JsonBytes.Name.of("value");

  @Test
  void randomText_readsBackAsWritten() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      String text = randomText(random, random.nextInt(40), true);
      // Jackson refuses lone surrogates in names (not in values), so names are drawn without them.
      String name = randomText(random, random.nextInt(40), false);

      JsonNode json = encode(out -> out.startObject().name(JsonBytes.Name.of(name)).string(text).endObject());

      assertThat(json.get(name).asString()).as("text %s", codes(text)).isEqualTo(text);
    }
  }

  @Test
  void controlCharactersQuotesAndBackslashes_areEscapedAsJsonRequires() {
    String written = written(out -> out.string("a\"b\\c\n\t\u0001\u001f\u007f"));

    assertThat(written).isEqualTo("\"a\\\"b\\\\c\\n\\t\\u0001\\u001f\u007f\"");
  }

  @Test
  void textOutsideAscii_isUtf8() {
    String text = "caf\u00e9 \u20ac \ud83d\ude00";

    byte[] bytes = bytes(out -> out.string(text));

    assertThat(bytes).isEqualTo(("\"" + text + "\"").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void loneSurrogates_areEscapedAndReadBack() {
    String text = "a\ud800b\udc00\ud83d";

    assertThat(written(out -> out.string(text))).isEqualTo("\"a\\ud800b\\udc00\\ud83d\"");
    assertThat(encode(out -> out.startArray().string(text).endArray()).get(0).asString()).isEqualTo(text);
  }

  @Test
  void longs_readBackAsWritten() {
    Random random = new Random(7);
    long[] edges = {0, 1, -1, 9, 10, 99, 100, -100, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
        999_999_999_999_999_999L, 1_000_000_000_000_000_000L, 1_764_079_200_123_456_789L};
    for (long value : edges) assertThat(written(out -> out.number(value))).isEqualTo(Long.toString(value));
    for (int i = 0; i < 20_000; i++) {
      long value = random.nextLong() >> random.nextInt(64);
      assertThat(written(out -> out.number(value))).isEqualTo(Long.toString(value));
    }
  }

  @Test
  void doubles_readBackAsWrittenAndNonFiniteAsStrings() {
    double[] values = {0.0, -0.0, 1.5, -2.25e-300, Double.MIN_VALUE, Double.MAX_VALUE, 1e21, 123456.789};
    for (double value : values) {
      assertThat(encode(out -> out.startArray().number(value).endArray()).get(0).asDouble()).isEqualTo(value);
    }
    assertThat(written(out -> out.startArray().number(Double.NaN).number(Double.POSITIVE_INFINITY)
        .number(Double.NEGATIVE_INFINITY).endArray())).isEqualTo("[\"NaN\",\"Infinity\",\"-Infinity\"]");
  }

  @Test
  void membersOfNestedContainers_areSeparatedByCommas() {
    String written = written(out -> out.startObject()
        .name(JsonBytes.Name.of("a")).startArray().number(1).bool(true).nullValue().startObject().endObject()
        .startArray().endArray().string("x").endArray()
        .name(JsonBytes.Name.of("b")).startObject().name(VALUE).bool(false).endObject()
        .name(JsonBytes.Name.of("c")).hex(TraceId.fromHex("0af7651916cd43dd8448eb211c80319c"))
        .name(JsonBytes.Name.of("d")).hex(SpanId.fromHex("00f067aa0ba902b7"))
        .endObject());

    assertThat(written).isEqualTo("{\"a\":[1,true,null,{},[],\"x\"],\"b\":{\"value\":false},"
        + "\"c\":\"0af7651916cd43dd8448eb211c80319c\",\"d\":\"00f067aa0ba902b7\"}");
  }

  @Test
  void nestingDeeperThanTheFirstAllocation_isWrittenWhole() {
    int depth = 200;

    JsonNode json = encode(out -> {
      for (int i = 0; i < depth; i++) out.startArray().number(i);
      for (int i = 0; i < depth; i++) out.endArray();
    });

    JsonNode node = json;
    for (int i = 0; i < depth - 1; i++) {
      assertThat(node.get(0).asLong()).isEqualTo(i);
      node = node.get(1);
    }
    assertThat(node.size()).isEqualTo(1);
  }

  @Test
  void answerLargerThanThePooledBuffer_growsAndKeepsEverything() {
    Random random = new Random(3);
    String[] texts = new String[300];
    for (int i = 0; i < texts.length; i++) texts[i] = randomText(random, 5_000, true);

    JsonNode json = encode(out -> {
      out.startArray();
      for (String text : texts) out.string(text);
      out.endArray();
    });

    assertThat(json.size()).isEqualTo(texts.length);
    for (int i = 0; i < texts.length; i++) assertThat(json.get(i).asString()).isEqualTo(texts[i]);
  }

  private static JsonNode encode(Consumer<JsonBytes> writing) {
    return MAPPER.readTree(bytes(writing));
  }

  private static String written(Consumer<JsonBytes> writing) {
    return new String(bytes(writing), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(Consumer<JsonBytes> writing) {
    AnswerBuffer buffer = AnswerBuffer.take();
    try {
      JsonBytes out = new JsonBytes(buffer);
      writing.accept(out);
      out.finish();
      return Arrays.copyOf(buffer.array(), buffer.length());
    } finally {
      buffer.release();
    }
  }

  /** Mostly ASCII, with control characters, quotes, other scripts, emoji pairs and lone surrogates mixed in. */
  private static String randomText(Random random, int length, boolean loneSurrogates) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(8)) {
        case 0 -> text.append((char) random.nextInt(0x20));
        case 1 -> text.append("\"\\/".charAt(random.nextInt(3)));
        case 2 -> text.append((char) (0x80 + random.nextInt(0x780)));
        case 3 -> text.append((char) (0x800 + random.nextInt(0xd800 - 0x800)));
        case 4 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
        case 5 -> text.append(loneSurrogates ? (char) (0xd800 + random.nextInt(0x800)) : 'x');
        default -> text.append((char) (0x20 + random.nextInt(0x60)));
      }
    }
    return text.toString();
  }

  private static String codes(String text) {
    StringBuilder codes = new StringBuilder();
    text.chars().forEach(c -> codes.append(Integer.toHexString(c)).append(' '));
    return codes.toString();
  }
}
