package dev.tracebridge.api.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.api.analysis.TraceAnalysisJson.StepJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

class StepJsonSerializerTest {
  private static final JsonMapper API = JsonMapper.builder().build();
  /** Jackson's own record writer: what a step looked like before it had a serializer of its own. */
  private static final JsonMapper RECORD_SHAPE = JsonMapper.builder().disable(MapperFeature.USE_ANNOTATIONS).build();

  @Test
  void steps_areWrittenAsJacksonWritesTheRecord() {
    List<StepJson> steps = List.of(
        new StepJson("phase", "network", "browser:shop-web", "dns", "res-1:dns", "res-1", 1_764_079_200_000_000_000L,
            2.0, 3.0, 0.7),
        new StepJson("span", "backend", "pricing", "SELECT \"price\"\n\té €", "00f067aa0ba902b7", null,
            1_764_079_200_012_345_678L, 12.346, 0.001, 0.0),
        new StepJson("span", "backend", "", "", "", null, -1, -0.5, 1.0E-4, 100.0));

    for (StepJson step : steps) {
      assertThat(API.writeValueAsString(step)).isEqualTo(RECORD_SHAPE.writeValueAsString(step));
    }
    assertThat(API.writeValueAsString(steps)).isEqualTo(RECORD_SHAPE.writeValueAsString(steps));
  }

  @Test
  void stepRecord_hasTheComponentsTheSerializerWrites() {
    // A component added to the record must be added to the serializer: this fails first, naming it.
    assertThat(StepJson.class.getRecordComponents()).extracting(c -> c.getName()).containsExactly("kind",
        "category", "service", "name", "id", "resourceEventId", "startEpochNanos", "offsetMs", "durationMs",
        "percent");
  }
}
