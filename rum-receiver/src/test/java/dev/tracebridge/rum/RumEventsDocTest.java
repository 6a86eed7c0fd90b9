package dev.tracebridge.rum;

import static dev.tracebridge.rum.IntakeCalls.call;
import static dev.tracebridge.rum.IntakeCalls.json;
import static dev.tracebridge.rum.IntakeCalls.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.rum.batch.JsonBatchReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** docs/rum-events.md is what the browser extension team builds against: its examples must be accepted as shown. */
class RumEventsDocTest {
  private static final Path DOC = Path.of(System.getProperty("tracebridge.docs", "../docs")).resolve("rum-events.md");
  private static final Pattern BLOCK = Pattern.compile("<!-- (example: accepted|schema) -->\\s*```json\\n(.*?)```",
      Pattern.DOTALL);

  private static List<String> blocks(String marker) throws IOException {
    Matcher m = BLOCK.matcher(Files.readString(DOC));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      if (m.group(1).equals(marker)) out.add(m.group(2));
    }
    return out;
  }

  @Test
  void everyAcceptedExample_isStoredWholeByTheNativeIntake() throws IOException {
    List<String> examples = blocks("example: accepted");
    assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
    for (String example : examples) {
      RecordingSink sink = new RecordingSink();
      IngestResponse response = call(new NativeRumEndpoint(sink, RumIntakeSettings.defaults()), post("/v1/rum", example));

      assertThat(response.status()).as(example).isEqualTo(202);
      assertThat(json(response).path("rejected").asInt()).as(example).isZero();
      assertThat(json(response).path("skipped").asInt()).as(example).isZero();
      assertThat(sink.events()).as(example).isNotEmpty();
    }
  }

  @Test
  void schema_isJsonAndNamesEveryTypeTheIntakeStores() throws IOException {
    List<String> schemas = blocks("schema");
    assertThat(schemas).hasSize(1);

    JsonNode schema = JsonBatchReader.JSON.readTree(schemas.get(0));

    assertThat(schema.path("$id").asString()).isEqualTo("tracebridge.rum/1");
    assertThat(schema.path("required")).extracting(JsonNode::asString).containsExactly("type", "date", "app");
    List<String> typed = new ArrayList<>();
    schema.path("allOf").forEach(rule -> typed.add(rule.path("if").path("properties").path("type").path("const").asString()));
    assertThat(typed).containsExactly("view", "resource", "error", "action", "long_task");
  }
}
