package dev.tracebridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineAliasesTest {

  @Test
  void readmeShorthands_becomeProperties() {
    assertThat(CommandLineAliases.expand(
        new String[] {"--data-dir=/var/tb", "--cassandra=10.0.0.5:9042,10.0.0.6:9042", "--server.port=9"},
        Map.of()))
        .containsExactly("--tracebridge.data-dir=/var/tb",
            "--tracebridge.cassandra.contact-points=10.0.0.5:9042,10.0.0.6:9042", "--server.port=9");
  }

  @Test
  void environment_isOverriddenByCommandLine() {
    assertThat(CommandLineAliases.expand(new String[] {"--cassandra=b:9042"},
        Map.of("TRACEBRIDGE_CASSANDRA", "a:9042", "TRACEBRIDGE_DATA_DIR", "/d")))
        .containsExactly("--tracebridge.data-dir=/d", "--tracebridge.cassandra.contact-points=b:9042");
  }
}
