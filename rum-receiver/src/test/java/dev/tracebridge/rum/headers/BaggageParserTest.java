package dev.tracebridge.rum.headers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaggageParserTest {
  private final List<String> errors = new ArrayList<>();

  private Map<String, String> parse(String value) {
    return new BaggageParser().parse(RequestHeaders.of(Map.of("baggage", value), errors), errors);
  }

  @Test
  void datadogRumBaggage_yieldsSessionAndUser() {
    Map<String, String> baggage = parse("session.id=69654f02-b78f-4055-88d0-e1c92b9ae838,user.id=user-42");

    assertThat(baggage).containsOnly(Map.entry("session.id", "69654f02-b78f-4055-88d0-e1c92b9ae838"),
        Map.entry("user.id", "user-42"));
    assertThat(errors).isEmpty();
  }

  @Test
  void valuesArePercentDecodedAndPropertiesDropped() {
    assertThat(parse(" key1 = a%20b ; prop=1 , plus=a+b")).containsOnly(Map.entry("key1", "a b"),
        Map.entry("plus", "a+b"));
  }

  @Test
  void memberWithoutEquals_isSkippedAndExplained() {
    assertThat(parse("orphan,session.id=s-1")).containsOnly(Map.entry("session.id", "s-1"));
    assertThat(errors).containsExactly("baggage: member 'orphan' (expected: key=value)");
  }

  @Test
  void sessionId_isOfferedByTheResult() {
    TraceHeaders headers = new TraceHeaderParser().parse(Map.of("Baggage", "session.id=s-9"));

    assertThat(headers.sessionId()).isEqualTo("s-9");
    assertThat(headers.contexts()).isEmpty();
  }
}
