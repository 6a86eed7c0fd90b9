package dev.tracebridge.store.cassandra.embedded;

import java.nio.file.Path;

/**
 * Stands in for the engine in a JVM of its own: starts a node, prints its pid, and waits to be
 * terminated, so a test can check the shutdown hook stops the node when the engine's JVM goes away.
 */
public final class NodeInChildJvm {
  static final String PID_LINE = "NODE_PID=";

  private NodeInChildJvm() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedCassandraConfig config = EmbeddedCassandraConfig.builder().dataDir(Path.of(args[0]))
        .libDir(Path.of(args[1])).nativePort(Integer.parseInt(args[2])).storagePort(Integer.parseInt(args[3]))
        .heap(TestNodes.HEAP).startTimeout(TestNodes.START_TIMEOUT).build();
    EmbeddedCassandra node = EmbeddedCassandra.start(config, System.out::println);
    System.out.println(PID_LINE + node.pid());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
