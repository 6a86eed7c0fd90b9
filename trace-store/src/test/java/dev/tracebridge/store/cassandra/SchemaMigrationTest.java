package dev.tracebridge.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.tracebridge.core.health.PropagationVerdict;
import dev.tracebridge.core.health.Verdict;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.storage.TestTelemetry;
import java.time.Instant;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** A keyspace an engine of an older schema version created gets the missing versions on the next start. */
class SchemaMigrationTest {

  @Test
  void versionOneKeyspace_isMigratedToTheCurrentVersion_whenAllowed_andRefusedOtherwise() {
    CassandraStoreConfig config = keyspaceAtVersion(1);
    String keyspace = config.keyspace();

    assertThatThrownBy(() -> CassandraTraceStore.connect(config.toBuilder().applySchema(false).build()).close())
        .isInstanceOf(CassandraStoreException.class).hasMessageContaining("lacks the tables [pending_checks")
        .hasMessageContaining("schema application allowed");

    try (CassandraTraceStore migrated = CassandraTraceStore.connect(config)) {
      assertThat(appliedVersions(migrated.session(), keyspace)).containsExactly(1, 2, 3, 4, 5);
      var tables = migrated.session().getMetadata().getKeyspace(keyspace).orElseThrow().getTables().keySet();
      assertThat(tables.stream().map(CqlIdentifier::asInternal).toList())
          .containsAll(Schema.VERDICT_TABLES).containsAll(Schema.TABLES).contains(Schema.VERDICT_APPS);
    }
  }

  @Test
  void versionTwoKeyspace_refusedWithoutSchemaApplication_thenMigratedToChunkRows() throws Exception {
    CassandraStoreConfig config = keyspaceAtVersion(2);
    String keyspace = config.keyspace();

    assertThatThrownBy(() -> CassandraTraceStore.connect(config.toBuilder().applySchema(false).build()).close())
        .isInstanceOf(CassandraStoreException.class).hasMessageContaining("lacks the tables [verdict_apps]");

    try (CassandraTraceStore migrated = CassandraTraceStore.connect(config)) {
      Row comment = migrated.session().execute(SimpleStatement.newInstance("SELECT comment FROM"
          + " system_schema.tables WHERE keyspace_name = ? AND table_name = 'trace_rows'", keyspace)).one();
      assertThat(comment.getString(0)).startsWith("Tracebridge v3:");
      Row compaction = migrated.session().execute(SimpleStatement.newInstance("SELECT compaction FROM"
          + " system_schema.tables WHERE keyspace_name = ? AND table_name = 'trace_rows'", keyspace)).one();
      assertThat(compaction.getMap(0, String.class, String.class))
          .containsEntry("min_sstable_size", "4194304").containsEntry("compaction_window_size", "6");
    }
  }

  @Test
  void versionFourKeyspace_refusedWithoutSchemaApplication_thenListsTheAppsOfNewVerdicts() throws Exception {
    CassandraStoreConfig config = keyspaceAtVersion(4);
    String keyspace = config.keyspace();

    assertThatThrownBy(() -> CassandraTraceStore.connect(config.toBuilder().applySchema(false).build()).close())
        .isInstanceOf(CassandraStoreException.class).hasMessageContaining("lacks the tables [verdict_apps]")
        .hasMessageContaining("schema application allowed");

    try (CassandraTraceStore migrated = CassandraTraceStore.connect(config)) {
      assertThat(appliedVersions(migrated.session(), keyspace)).containsExactly(1, 2, 3, 4, 5);
      Row table = migrated.session().execute(SimpleStatement.newInstance("SELECT comment, compaction FROM"
          + " system_schema.tables WHERE keyspace_name = ? AND table_name = ?", keyspace, Schema.VERDICT_APPS)).one();
      assertThat(table.getString(0)).startsWith("Tracebridge v5:");
      assertThat(table.getMap(1, String.class, String.class)).containsEntry("min_sstable_size", "4194304");

      CassandraVerdictStore verdicts = CassandraVerdictStore.of(migrated);
      TraceId id = TestTelemetry.randomTraceId();
      long start = System.currentTimeMillis() * 1_000_000L;
      verdicts.decide(new Verdict(id.key(), "res-1", "shop-web", "s-1", PropagationVerdict.LINKED, "linked",
          "w3c", "api.shop.example/cart/{id}", id, start, start, null)).toCompletableFuture().get();
      assertThat(verdicts.apps(start, start).toCompletableFuture().get().appIds()).containsExactly("shop-web");
    }
  }

  /** A new keyspace holding the first {@code versions} schema scripts, recorded as an older engine records them. */
  private static CassandraStoreConfig keyspaceAtVersion(int versions) {
    String keyspace = "tb_migrate_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8);
    CassandraStoreConfig config = SharedNode.config().keyspace(keyspace).build();
    CqlSession session = SharedNode.store().session();
    session.execute("CREATE KEYSPACE " + keyspace + " WITH replication = " + config.replication());
    for (SchemaScript script : SchemaScript.ALL.subList(0, versions)) {
      for (String statement : script.statements(keyspace, config.retention())) {
        session.execute(SimpleStatement.newInstance(statement).setTimeout(SchemaInstaller.DDL_TIMEOUT));
      }
      session.execute(SimpleStatement.newInstance(SchemaInstaller.INSERT_VERSION.formatted(keyspace),
          script.version(), Instant.now(), "as an older engine wrote it"));
    }
    return config;
  }

  private static TreeSet<Integer> appliedVersions(CqlSession session, String keyspace) {
    TreeSet<Integer> versions = new TreeSet<>();
    for (Row row : session.execute(SchemaInstaller.SELECT_VERSIONS.formatted(keyspace))) versions.add(row.getInt(0));
    return versions;
  }
}
