package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates the keyspace and applies the schema versions it lacks, in order, when the engine may; checks
 * the tables are there when it may not. Every statement is {@code IF NOT EXISTS}, so two engines
 * starting at once, or a start interrupted halfway, apply the same version harmlessly again.
 */
final class SchemaInstaller {
  /** DDL waits for every node to agree on the schema, which takes seconds on a cluster. */
  static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);
  /** How often agreement is asked again while nodes still disagree. */
  private static final long AGREEMENT_POLL_MILLIS = 200;
  static final String INSERT_VERSION = "INSERT INTO %s." + Schema.SCHEMA_VERSION
      + " (version, applied_at, description) VALUES (?, ?, ?)";
  static final String SELECT_VERSIONS = "SELECT version FROM %s." + Schema.SCHEMA_VERSION;
  static final String SELECT_TABLES = "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?";

  private SchemaInstaller() {}

  static void apply(CqlSession session, CassandraStoreConfig config) {
    String keyspace = config.keyspace();
    execute(session, "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = "
        + config.replication() + " AND durable_writes = true");
    Set<Integer> applied = appliedVersions(session, keyspace);
    for (SchemaScript script : SchemaScript.ALL) {
      if (applied.contains(script.version())) continue;
      // The coordinator of a statement may not have seen the keyspace (or the previous version's tables)
      // yet on a loaded cluster ("Keyspace ... doesn't exist"); the statements are IF NOT EXISTS, so a retry
      // is harmless.
      for (String statement : script.statements(keyspace, config.retention())) {
        executeOnceTablesLoaded(session, SimpleStatement.newInstance(statement).setTimeout(DDL_TIMEOUT));
      }
      // A node that has not seen the new tables yet would refuse writes to them ("table does not exist").
      awaitTablesOnEveryNode(session, keyspace, Schema.tablesThrough(script.version()));
      executeOnceTablesLoaded(session, SimpleStatement.newInstance(INSERT_VERSION.formatted(keyspace),
          script.version(), Instant.now(), script.description()).setTimeout(DDL_TIMEOUT));
    }
    validate(session, keyspace);
  }

  /** Fails, naming what is missing, unless every table and schema version this code needs is there. */
  static void validate(CqlSession session, String keyspace) {
    session.refreshSchema();
    Optional<KeyspaceMetadata> metadata = session.getMetadata().getKeyspace(keyspace);
    if (metadata.isEmpty()) {
      throw new CassandraStoreException("Keyspace '" + keyspace + "' does not exist. Start the engine once"
          + " with schema application allowed, or apply schema/v1.cql from the trace-store jar by hand.");
    }
    List<String> missing = new ArrayList<>();
    for (String table : Schema.ALL_TABLES) {
      if (metadata.get().getTable(CqlIdentifier.fromInternal(table)).isEmpty()) missing.add(table);
    }
    if (!missing.isEmpty()) {
      throw new CassandraStoreException("Keyspace '" + keyspace + "' lacks the tables " + missing
          + ". Start the engine once with schema application allowed, or apply the schema files by hand.");
    }
    Set<Integer> applied = appliedVersions(session, keyspace);
    if (!applied.contains(Schema.CURRENT_VERSION)) {
      throw new CassandraStoreException("Keyspace '" + keyspace + "' has schema versions " + applied
          + " but this engine needs version " + Schema.CURRENT_VERSION
          + ". Start the engine once with schema application allowed to migrate it.");
    }
  }

  private static Set<Integer> appliedVersions(CqlSession session, String keyspace) {
    Set<Integer> versions = new TreeSet<>();
    boolean hasTable = session.getMetadata().getKeyspace(keyspace)
        .flatMap(k -> k.getTable(CqlIdentifier.fromInternal(Schema.SCHEMA_VERSION))).isPresent();
    if (!hasTable) return versions;
    for (Row row : session.execute(SimpleStatement.newInstance(SELECT_VERSIONS.formatted(keyspace)))) {
      versions.add(row.getInt(0));
    }
    return versions;
  }

  private static void execute(CqlSession session, String cql) {
    session.execute(SimpleStatement.newInstance(cql).setTimeout(DDL_TIMEOUT));
  }

  /**
   * Runs a statement on a keyspace or table just created. A node lists a new table in system_schema a
   * moment before it accepts writes to it, and a coordinator may not know a new keyspace yet (both seen on
   * a loaded 3-node cluster), so "does not exist", "doesn't exist" and "Unknown CF" are retried within
   * the DDL timeout.
   */
  private static void executeOnceTablesLoaded(CqlSession session, SimpleStatement statement) {
    long deadline = System.nanoTime() + DDL_TIMEOUT.toNanos();
    while (true) {
      try {
        session.execute(statement);
        return;
      } catch (InvalidQueryException | ServerError e) {
        // A replica that has not applied the new table yet fails the write with a server error
        // "Unknown CF <table id>" (seen on a loaded 3-node cluster); it is the same race.
        String message = String.valueOf(e.getMessage());
        boolean notYetThere = message.contains("does not exist") || message.contains("doesn't exist")
            || message.contains("Unknown CF");
        if (!notYetThere || System.nanoTime() - deadline > 0) throw e;
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(AGREEMENT_POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CassandraStoreException("Interrupted while waiting for the schema to reach every node", e);
    }
  }

  /**
   * Waits until every node the driver sees up has every table, asking each node itself. Schema
   * agreement as the driver checks it is not enough: right after a DDL statement all nodes can still
   * agree on the schema from before it, and the driver stops waiting after 10 s anyway.
   */
  static void awaitTablesOnEveryNode(CqlSession session, String keyspace, List<String> expected) {
    long deadline = System.nanoTime() + DDL_TIMEOUT.toNanos();
    while (true) {
      List<String> lagging = new ArrayList<>();
      for (Node node : session.getMetadata().getNodes().values()) {
        if (node.getState() != NodeState.UP) continue;
        Set<String> tables = new TreeSet<>();
        for (Row row : session.execute(SimpleStatement.newInstance(SELECT_TABLES, keyspace).setNode(node)
            .setTimeout(DDL_TIMEOUT))) {
          tables.add(row.getString(0));
        }
        if (!tables.containsAll(expected)) lagging.add(node.getEndPoint().toString());
      }
      if (lagging.isEmpty()) return;
      if (System.nanoTime() - deadline > 0) {
        throw new CassandraStoreException("Cassandra nodes " + lagging + " still lack Tracebridge's tables "
            + DDL_TIMEOUT.toSeconds() + " s after they were created; check that every node is up and"
            + " reachable, then start again.");
      }
      pause();
    }
  }
}
