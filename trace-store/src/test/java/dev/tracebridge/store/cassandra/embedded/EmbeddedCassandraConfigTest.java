package dev.tracebridge.store.cassandra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddedCassandraConfigTest {

  @Test
  void defaults_stayClearOfAUsersOwnCassandra() {
    EmbeddedCassandraConfig config = EmbeddedCassandraConfig.of(Path.of("data"), Path.of("lib"));

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.nativePort()).isEqualTo(9142);
    assertThat(config.storagePort()).isEqualTo(7100);
    assertThat(config.heap()).isEqualTo("512m");
    assertThat(config.javaExecutable()).isEqualTo(EmbeddedCassandraConfig.currentJava());
    assertThat(config.dataDir()).isAbsolute().endsWithRaw(Path.of("data"));
  }

  @Test
  void invalidValues_failNamingTheField() {
    EmbeddedCassandraConfig.Builder valid = EmbeddedCassandraConfig.builder().dataDir(Path.of("d")).libDir(Path.of("l"));

    assertThatThrownBy(() -> valid.nativePort(0).build()).hasMessage("nativePort: 0 (expected: 1 to 65535)");
    assertThatThrownBy(() -> valid.nativePort(9142).storagePort(9142).build())
        .hasMessage("storagePort: 9142 (expected: a port other than nativePort)");
    assertThatThrownBy(() -> valid.storagePort(7100).heap("lots").build())
        .hasMessage("heap: 'lots' (expected: a JVM size such as 512m or 1g)");
    assertThatThrownBy(() -> valid.heap("1g").startTimeout(Duration.ZERO).build())
        .hasMessage("startTimeout: PT0S (expected: > 0)");
  }

  @Test
  void heapSizes_readAsTheJvmDoes() {
    assertThat(NodeProcess.heapBytes("512m")).isEqualTo(512L << 20);
    assertThat(NodeProcess.heapBytes("1G")).isEqualTo(1L << 30);
    assertThat(NodeProcess.heapBytes("65536k")).isEqualTo(64L << 20);
    assertThat(NodeProcess.heapBytes("1048576")).isEqualTo(1L << 20);
  }

  @Test
  void generatedYaml_quotesPathsAndNamesThePorts() {
    EmbeddedCassandraConfig config = EmbeddedCassandraConfig.builder().dataDir(Path.of("/tmp/it's data"))
        .libDir(Path.of("/lib")).nativePort(19142).storagePort(17100).build();

    String yaml = CassandraYaml.render(config, NodeLayout.under(config.dataDir()));

    assertThat(yaml).contains("native_transport_port: 19142", "storage_port: 17100",
        "- seeds: \"127.0.0.1:17100\"", "commitlog_directory: '/tmp/it''s data/cassandra/commitlog'",
        "commitlog_sync: group", "num_tokens: 1", "initial_token: 0", "concurrent_compactors: 1");
  }
}
