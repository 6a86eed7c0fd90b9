package dev.tracebridge.store.cassandra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One versioned schema file from the classpath, rendered for a keyspace and a retention. */
record SchemaScript(int version, String description, String resource) {
  /** Every schema version in order; a new version adds a file and a line here, never edits an old one. */
  static final List<SchemaScript> ALL = List.of(
      new SchemaScript(1, "trace rows, session events, search indexes", "/schema/v1.cql"),
      new SchemaScript(2, "propagation health: pending checks, verdicts, root spans, clock samples",
          "/schema/v2.cql"),
      new SchemaScript(3, "chunk rows: many spans or resources per trace_rows row; index shards per export",
          "/schema/v3.cql"),
      new SchemaScript(4, "size-tiered compaction inside the current window merges flushes of like size",
          "/schema/v4.cql"),
      new SchemaScript(5, "propagation health: the apps with verdicts, per hour", "/schema/v5.cql"));
  /**
   * TimeWindowCompactionStrategy works best with 20-30 windows across the TTL: fewer windows keep
   * expired data around longer, more windows mean more SSTables to read.
   */
  static final int WINDOWS_PER_RETENTION = 30;

  /** The statements of the file with placeholders filled, comments removed. */
  List<String> statements(String keyspace, Duration retention) {
    String text = read()
        .replace("${keyspace}", keyspace)
        .replace("${ttl_seconds}", Long.toString(retention.toSeconds()))
        .replace("${window_hours}", Long.toString(windowHours(retention)));
    StringBuilder withoutComments = new StringBuilder();
    for (String line : text.split("\n")) {
      int comment = line.indexOf("--");
      withoutComments.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
    }
    List<String> statements = new ArrayList<>();
    for (String statement : withoutComments.toString().split(";")) {
      if (!statement.isBlank()) statements.add(statement.strip());
    }
    return statements;
  }

  static long windowHours(Duration retention) {
    return Math.max(1, (retention.toHours() + WINDOWS_PER_RETENTION - 1) / WINDOWS_PER_RETENTION);
  }

  private String read() {
    try (InputStream in = SchemaScript.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("schema file missing from the jar: " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
