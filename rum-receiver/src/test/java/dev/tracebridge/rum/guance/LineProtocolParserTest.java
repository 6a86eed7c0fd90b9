package dev.tracebridge.rum.guance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineProtocolParserTest {
  private final List<LinePoint> points = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();

  private void parse(String text) {
    LineProtocolParser.parse(text, new LineProtocolParser.Handler() {
      @Override
      public void point(LinePoint point) {
        points.add(point);
      }

      @Override
      public void malformed(String position, String reason) {
        errors.add(position + ": " + reason);
      }
    });
  }

  @Test
  void tagEscapesOfGuancesSdk_areUndone() {
    // escapeRowData escapes whitespace, '=', ',' and '"' with a backslash.
    parse("view,view_url=http://shop.example/cart?id\\=1&a\\=b,view_name=my\\ cart\\,\\\"x\\\",path=C:\\dir duration=1 1\n");

    assertThat(errors).isEmpty();
    assertThat(points.get(0).tags()).containsExactly(Map.entry("view_url", "http://shop.example/cart?id=1&a=b"),
        Map.entry("view_name", "my cart,\"x\""), Map.entry("path", "C:\\dir"));
  }

  @Test
  void fieldKinds_areTold() {
    parse("m a=1i,b=18446744073709551615u,c=-1.5e3,d=42,e=t,f=FALSE,g=\"say \\\"hi\\\" \\\\ ok\" 1700000000000\n");

    Map<String, FieldValue> fields = points.get(0).fields();
    assertThat(fields.get("a")).isEqualTo(new FieldValue.IntegerField(1));
    assertThat(fields.get("b").asText()).isEqualTo("18446744073709551615");
    assertThat(fields.get("c")).isEqualTo(new FieldValue.FloatField(-1500));
    assertThat(fields.get("d")).isEqualTo(new FieldValue.FloatField(42));
    assertThat(fields.get("e")).isEqualTo(new FieldValue.BooleanField(true));
    assertThat(fields.get("f")).isEqualTo(new FieldValue.BooleanField(false));
    assertThat(fields.get("g")).isEqualTo(new FieldValue.StringField("say \"hi\" \\ ok"));
    assertThat(points.get(0).timestamp()).isEqualTo(1_700_000_000_000L);
  }

  @Test
  void quotedStringWithRawNewlines_staysOnePoint() {
    parse("error,app_id=a error_stack=\"TypeError: x\n    at f (app.js:1:2)\n    at g (app.js:3:4)\" 5\nlong_task,app_id=a duration=1 6");

    assertThat(errors).isEmpty();
    assertThat(points).hasSize(2);
    assertThat(points.get(0).fields().get("error_stack").asText()).isEqualTo("TypeError: x\n    at f (app.js:1:2)\n    at g (app.js:3:4)");
    assertThat(points.get(1).position()).isEqualTo("line 4");
  }

  @Test
  void commentsBlankLinesAndCrLf_areSkipped() {
    parse("# written by a test\r\n\r\nm f=1 1\r\n\nm f=2 2\r\n");

    assertThat(errors).isEmpty();
    assertThat(points).extracting(LinePoint::timestamp).containsExactly(1L, 2L);
  }

  @Test
  void pointWithoutTimestamp_hasNone() {
    parse("m f=1");

    assertThat(points.get(0).timestamp()).isNull();
  }

  @Test
  void malformedLines_areReportedAndTheNextLinesStillParse() {
    parse("m\nm f=abc 1\nm,t f=1 1\nm f=\"open 1\nm f=1 x\nm f=1 1 extra\nm f=1 3");

    assertThat(errors).containsExactly(
        "line 1: measurement: the line ended before the fields",
        "line 2: field 'f': 'abc' (expected: a number, an integer with i, an unsigned with u, a boolean or a quoted string)",
        "line 3: expected '=' after tag key 't', got ' '",
        "line 4: field 'f': string opened on line 4 is never closed");
    assertThat(points).isEmpty();
  }

  @Test
  void badTimestampAndTrailingGarbage_areReported() {
    parse("m f=1 x\nm f=1 1 extra\nm f=1 3");

    assertThat(errors).containsExactly("line 1: timestamp: 'x' (expected: an integer)",
        "line 2: unexpected 'e' after the point");
    assertThat(points).extracting(LinePoint::timestamp).containsExactly(3L);
  }
}
