package dev.tracebridge.store.cassandra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Configs for test nodes: free ports, a fresh folder under target/, the jars the build collected. */
public final class TestNodes {
  /** A busy 2-core CI machine can start a node slowly; a test should fail on errors, not on load. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  /** Keeps nodes small: several may run at once in one test JVM. */
  public static final String HEAP = "256m";
  /** Lines the launcher reported, for assertions on what a user would read. */
  public static final List<String> PROGRESS = new CopyOnWriteArrayList<>();

  private TestNodes() {}

  public static Path libDir() {
    String lib = System.getProperty(EmbeddedCassandraConfig.LIB_DIR_PROPERTY);
    if (lib == null) {
      throw new IllegalStateException("-D" + EmbeddedCassandraConfig.LIB_DIR_PROPERTY
          + " is not set; run the tests through Maven");
    }
    return Path.of(lib);
  }

  /** A new empty folder under target/, which mvn clean removes. */
  public static Path freshDataDir(String name) {
    try {
      Path target = Files.createDirectories(Path.of("target", "test-cassandra"));
      return Files.createTempDirectory(target, name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static EmbeddedCassandraConfig config(Path dataDir) {
    return EmbeddedCassandraConfig.builder().dataDir(dataDir).libDir(libDir())
        .nativePort(freePort()).storagePort(freePort()).heap(HEAP).startTimeout(START_TIMEOUT).build();
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void progress(String line) {
    PROGRESS.add(line);
    System.out.println("[embedded-cassandra] " + line);
  }
}
