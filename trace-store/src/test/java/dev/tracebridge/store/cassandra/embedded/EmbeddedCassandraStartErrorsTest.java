package dev.tracebridge.store.cassandra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tracebridge.store.cassandra.embedded.EmbeddedCassandraException.Problem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way the node can fail to start says what went wrong and what to change, and leaves no node. */
class EmbeddedCassandraStartErrorsTest {
  private static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  @TempDir Path temp;

  @Test
  void missingLibDir_saysRunTheBuildFirst() {
    EmbeddedCassandraConfig config = TestNodes.config(temp).toBuilder()
        .libDir(temp.resolve("no-such-lib")).build();

    assertThatThrownBy(() -> EmbeddedCassandra.start(config, TestNodes::progress))
        .isInstanceOfSatisfying(EmbeddedCassandraException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.LIB_MISSING))
        .hasMessageContaining(temp.resolve("no-such-lib") + " does not exist")
        .hasMessageContaining("Run the build first: mvn -B -q -pl cassandra-node package");
  }

  @Test
  void libDirWithoutCassandraJar_saysRunTheBuildFirst() throws IOException {
    Path emptyLib = Files.createDirectory(temp.resolve("lib"));
    EmbeddedCassandraConfig config = TestNodes.config(temp).toBuilder().libDir(emptyLib).build();

    assertThatThrownBy(() -> EmbeddedCassandra.start(config, TestNodes::progress))
        .isInstanceOf(EmbeddedCassandraException.class)
        .hasMessageContaining(emptyLib + " holds no cassandra-all jar")
        .hasMessageContaining("Run the build first");
  }

  @Test
  void libDirWithTwoCassandraVersions_saysToRebuildIt() throws IOException {
    Path lib = Files.createDirectory(temp.resolve("lib"));
    Files.createFile(lib.resolve("cassandra-all-5.0.8.jar"));
    Files.createFile(lib.resolve("cassandra-all-5.0.9.jar"));
    EmbeddedCassandraConfig config = TestNodes.config(temp).toBuilder().libDir(lib).build();

    assertThatThrownBy(() -> EmbeddedCassandra.start(config, TestNodes::progress))
        .isInstanceOf(EmbeddedCassandraException.class)
        .hasMessageContaining("holds jars of several Cassandra versions [5.0.8, 5.0.9]")
        .hasMessageContaining("mvn -B -q -pl cassandra-node clean package");
  }

  @Test
  void noLibDirAndNoProperty_namesThePropertyToSet() {
    String saved = System.clearProperty(EmbeddedCassandraConfig.LIB_DIR_PROPERTY);
    try {
      assertThatThrownBy(() -> EmbeddedCassandraConfig.builder().dataDir(temp).build())
          .isInstanceOfSatisfying(EmbeddedCassandraException.class,
              e -> assertThat(e.problem()).isEqualTo(Problem.LIB_MISSING))
          .hasMessageContaining("-Dtracebridge.cassandra.lib=")
          .hasMessageContaining("mvn -B -q -pl cassandra-node package");
    } finally {
      if (saved != null) System.setProperty(EmbeddedCassandraConfig.LIB_DIR_PROPERTY, saved);
    }
  }

  @Test
  void cqlPortTaken_namesThePortAndTheSetting() throws IOException {
    EmbeddedCassandraConfig config = TestNodes.config(temp);
    try (ServerSocket other = listenOn(config.nativePort())) {
      assertThatThrownBy(() -> EmbeddedCassandra.start(config, TestNodes::progress))
          .isInstanceOfSatisfying(EmbeddedCassandraException.class,
              e -> assertThat(e.problem()).isEqualTo(Problem.PORT_IN_USE))
          .hasMessageContaining("its CQL port 127.0.0.1:" + config.nativePort()
              + " is already in use by another process")
          .hasMessageContaining("choose another port (EmbeddedCassandraConfig.nativePort)");
    }
    assertThat(Files.exists(NodeLayout.under(temp).pidFile())).isFalse();
  }

  @Test
  void storagePortTaken_namesThePortAndTheSetting() throws IOException {
    EmbeddedCassandraConfig config = TestNodes.config(temp);
    try (ServerSocket other = listenOn(config.storagePort())) {
      assertThatThrownBy(() -> EmbeddedCassandra.start(config, TestNodes::progress))
          .isInstanceOfSatisfying(EmbeddedCassandraException.class,
              e -> assertThat(e.problem()).isEqualTo(Problem.PORT_IN_USE))
          .hasMessageContaining("its storage port 127.0.0.1:" + config.storagePort() + " is already in use")
          .hasMessageContaining("(EmbeddedCassandraConfig.storagePort)");
    }
  }

  @Test
  void java25_saysCassandraNeedsJava11or17() {
    assumeTrue(Files.isExecutable(JAVA_25), "no Java 25 at " + JAVA_25);
    EmbeddedCassandraConfig config = TestNodes.config(temp).toBuilder()
        .javaExecutable(JAVA_25.toString()).build();

    assertThatThrownBy(() -> EmbeddedCassandra.start(config, TestNodes::progress))
        .isInstanceOfSatisfying(EmbeddedCassandraException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.WRONG_JAVA))
        .hasMessageStartingWith("Cassandra 5.0 needs Java 11 or 17; " + JAVA_25 + " is Java 25.");
  }

  @Test
  void java8_saysCassandraNeedsJava11or17() throws IOException {
    // Prints what a real Java 8 prints for -XshowSettings:properties -version (spec version "1.8").
    Path java8 = executable("java8", """
        #!/bin/sh
        cat >&2 <<'OUT'
        Property settings:
            java.home = /opt/jdk8/jre
            java.specification.version = 1.8
            java.version = 1.8.0_392

        openjdk version "1.8.0_392"
        OUT
        """);
    EmbeddedCassandraConfig config = TestNodes.config(temp).toBuilder().javaExecutable(java8.toString()).build();

    assertThatThrownBy(() -> EmbeddedCassandra.start(config, TestNodes::progress))
        .isInstanceOf(EmbeddedCassandraException.class)
        .hasMessageStartingWith("Cassandra 5.0 needs Java 11 or 17; " + java8 + " is Java 8.");
  }

  @Test
  void javaThatDoesNotExist_saysSo() {
    EmbeddedCassandraConfig config = TestNodes.config(temp).toBuilder()
        .javaExecutable(temp.resolve("no-java").toString()).build();

    assertThatThrownBy(() -> EmbeddedCassandra.start(config, TestNodes::progress))
        .isInstanceOfSatisfying(EmbeddedCassandraException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.WRONG_JAVA))
        .hasMessageContaining(temp.resolve("no-java") + ": no such executable file");
  }

  @Test
  void nodeExitsDuringStartup_showsTheLastLinesOfItsOutput() {
    // A 1 MiB heap: the node's JVM refuses to start at all.
    EmbeddedCassandraConfig config = TestNodes.config(temp).toBuilder().heap("1m").build();

    assertThatThrownBy(() -> EmbeddedCassandra.start(config, TestNodes::progress))
        .isInstanceOfSatisfying(EmbeddedCassandraException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.EXITED_DURING_STARTUP))
        .hasMessageContaining("The embedded Cassandra exited during startup (exit code 1)")
        .hasMessageContaining("Last lines of " + NodeLayout.under(temp).consoleLog())
        .hasMessageContaining("Too small maximum heap");
    assertThat(Files.exists(NodeLayout.under(temp).pidFile())).isFalse();
  }

  @Test
  void startTimeout_stopsTheNodeAndSaysSo() {
    EmbeddedCassandraConfig config = TestNodes.config(temp).toBuilder()
        .startTimeout(Duration.ofMillis(300)).build();
    NodeLayout layout = NodeLayout.under(temp);

    assertThatThrownBy(() -> EmbeddedCassandra.start(config, TestNodes::progress))
        .isInstanceOfSatisfying(EmbeddedCassandraException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.STARTUP_TIMEOUT))
        .hasMessageContaining("did not accept CQL connections on 127.0.0.1:" + config.nativePort()
            + " within 300 ms; stopped it.");
    assertThat(ProcessHandle.allProcesses().filter(p -> StaleNode.isOurNode(p, layout))).isEmpty();
    assertThat(Files.exists(layout.pidFile())).isFalse();
  }

  private static ServerSocket listenOn(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress("127.0.0.1", port));
    return socket;
  }

  private Path executable(String name, String script) throws IOException {
    Path file = temp.resolve(name);
    Files.writeString(file, script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
