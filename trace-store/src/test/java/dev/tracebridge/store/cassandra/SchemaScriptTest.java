package dev.tracebridge.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaScriptTest {

  @Test
  void versionOne_rendersOneStatementPerTable_withPlaceholdersFilled() {
    List<String> statements = SchemaScript.ALL.get(0).statements("tb", Duration.ofDays(7));

    assertThat(statements).hasSize(Schema.TABLES.size());
    assertThat(statements).allSatisfy(s -> assertThat(s).startsWith("CREATE TABLE IF NOT EXISTS tb.")
        .doesNotContain("${").doesNotContain("--"));
    assertThat(statements.get(0)).contains("default_time_to_live = 604800")
        .contains("'compaction_window_size': 6");
  }

  @Test
  void versionTwo_rendersOneStatementPerVerdictTable_withPlaceholdersFilled() {
    List<String> statements = SchemaScript.ALL.get(1).statements("tb", Duration.ofDays(7));

    assertThat(SchemaScript.ALL.get(1).version()).isEqualTo(2);
    assertThat(statements).hasSize(Schema.VERDICT_TABLES.size());
    for (int i = 0; i < statements.size(); i++) {
      assertThat(statements.get(i)).startsWith("CREATE TABLE IF NOT EXISTS tb." + Schema.VERDICT_TABLES.get(i) + " (")
          .doesNotContain("${").doesNotContain("--");
    }
  }

  @Test
  void versionThree_onlyRecommentsTraceRows() {
    SchemaScript three = SchemaScript.ALL.get(2);
    List<String> statements = three.statements("tb", Duration.ofDays(7));

    assertThat(three.version()).isEqualTo(3);
    assertThat(statements).singleElement().asString().startsWith("ALTER TABLE tb.trace_rows")
        .contains("comment = 'Tracebridge v3:").doesNotContain("${").doesNotContain("--");
  }

  @Test
  void versionFour_setsMinSSTableSizeOnEveryTimeWindowTable() {
    SchemaScript four = SchemaScript.ALL.get(3);
    List<String> statements = four.statements("tb", Duration.ofDays(7));
    long timeWindowTables = SchemaScript.ALL.subList(0, 2).stream()
        .flatMap(script -> script.statements("tb", Duration.ofDays(7)).stream())
        .filter(statement -> statement.contains("TimeWindowCompactionStrategy")).count();

    assertThat(four.version()).isEqualTo(4);
    assertThat(statements).hasSize((int) timeWindowTables).allSatisfy(statement -> assertThat(statement)
        .startsWith("ALTER TABLE tb.").contains("'TimeWindowCompactionStrategy'")
        .contains("'compaction_window_size': 6").contains("'min_sstable_size': 4194304")
        .doesNotContain("${").doesNotContain("--"));
  }

  @Test
  void versionFive_isTheCurrentOne_andCreatesTheVerdictAppsTableWithV4Compaction() {
    SchemaScript five = SchemaScript.ALL.get(4);
    List<String> statements = five.statements("tb", Duration.ofDays(7));

    assertThat(five.version()).isEqualTo(Schema.CURRENT_VERSION);
    assertThat(SchemaScript.ALL).hasSize(Schema.CURRENT_VERSION);
    assertThat(statements).singleElement().asString()
        .startsWith("CREATE TABLE IF NOT EXISTS tb." + Schema.VERDICT_APPS + " (")
        .contains("PRIMARY KEY ((hour), app_id)").contains("comment = 'Tracebridge v5:")
        .contains("default_time_to_live = 604800").contains("'compaction_window_size': 6")
        .contains("'min_sstable_size': 4194304").doesNotContain("${").doesNotContain("--");
    assertThat(Schema.tablesThrough(4)).doesNotContain(Schema.VERDICT_APPS);
    assertThat(Schema.tablesThrough(5)).contains(Schema.VERDICT_APPS).containsAll(Schema.tablesThrough(4));
  }

  @Test
  void versionFive_everyColumn_hasAComment() {
    assertEveryColumnCommented(read("/schema/v5.cql"));
  }

  @Test
  void versionTwo_everyColumn_hasAComment() {
    assertEveryColumnCommented(read("/schema/v2.cql"));
  }

  @Test
  void compactionWindow_isAboutAThirtiethOfTheRetention() {
    assertThat(SchemaScript.windowHours(Duration.ofHours(1))).isEqualTo(1);
    assertThat(SchemaScript.windowHours(Duration.ofDays(1))).isEqualTo(1);
    assertThat(SchemaScript.windowHours(Duration.ofDays(7))).isEqualTo(6);
    assertThat(SchemaScript.windowHours(Duration.ofDays(30))).isEqualTo(24);
    assertThat(SchemaScript.windowHours(Duration.ofDays(90))).isEqualTo(72);
  }

  @Test
  void everyColumn_hasAComment() {
    assertEveryColumnCommented(new String(readV1()));
  }

  private static void assertEveryColumnCommented(String text) {
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      boolean column = trimmed.matches("[a-z_]+ (bigint|tinyint|blob|text|int|boolean|timestamp|double|smallint|frozen<set<[a-z]+>>|frozen<map<smallint, bigint>>)( PRIMARY KEY)?,?");
      if (column) {
        int index = text.indexOf(line);
        String before = text.substring(0, index).stripTrailing();
        String previous = before.substring(before.lastIndexOf('\n') + 1).strip();
        assertThat(previous).as("comment above column '%s'", trimmed).startsWith("--");
      }
    }
  }

  private static String read(String resource) {
    try (var in = SchemaScriptTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] readV1() {
    try (var in = SchemaScriptTest.class.getResourceAsStream("/schema/v1.cql")) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
