package dev.tracebridge.store.cassandra.embedded;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The command line of the node's JVM, and starting it. */
final class NodeProcess {
  /** The initial heap: small, so an idle node does not hold memory it never uses. */
  static final String INITIAL_HEAP = "64m";
  private static final long INITIAL_HEAP_BYTES = 64L << 20;
  /**
   * Runs the node in a session of its own when the system has setsid: Ctrl-C in the engine's terminal
   * then reaches only the engine, which stops the node after its own shutdown, in order.
   */
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  /**
   * Options a user may have set for the engine (an OpenTelemetry agent in JAVA_TOOL_OPTIONS, say); a
   * Cassandra node must not inherit them.
   */
  private static final List<String> INHERITED_JAVA_OPTIONS =
      List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH");

  private NodeProcess() {}

  static List<String> command(EmbeddedCassandraConfig config, NodeLayout layout, CassandraJars jars,
      JavaRuntime java) {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) command.add(SETSID.toString());
    command.add(java.executable());
    // A maximum below the usual initial heap would stop the JVM before it starts; start at the maximum then.
    command.add("-Xms" + (heapBytes(config.heap()) < INITIAL_HEAP_BYTES ? config.heap() : INITIAL_HEAP));
    command.add("-Xmx" + config.heap());
    command.add("-XX:+ExitOnOutOfMemoryError");
    // The node's collector pauses, beside its own log as upstream keeps them: a stalled read is explained
    // there or nowhere (the engine cannot see inside the node's JVM). Quoted: a folder may hold a colon.
    command.add("-Xlog:gc:file=\"" + layout.gcLog() + "\":time,uptime:filecount=4,filesize=8m");
    command.add("@" + layout.jvmOptions());
    if (java.needsSecurityManagerFlag()) command.add("-Djava.security.manager=allow");
    command.add("-Dcassandra.config=" + layout.yamlUrl());
    command.add("-Dcassandra.storagedir=" + layout.root());
    command.add("-Dcassandra.logdir=" + layout.logs());
    command.add("-Dlogback.configurationFile=" + layout.logbackXml());
    // Keeps stdout and stderr open (Cassandra closes them when daemonized) so JVM errors reach console.log.
    command.add("-Dcassandra-foreground=yes");
    // A single node has nobody to gossip with; waiting for gossip to settle only delays the start.
    command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    command.add("-cp");
    command.add(jars.classPath());
    command.add(CassandraJars.MAIN_CLASS);
    return command;
  }

  /** Bytes of a JVM size such as {@code 512m}; the config has checked its syntax. */
  static long heapBytes(String heap) {
    char unit = Character.toLowerCase(heap.charAt(heap.length() - 1));
    int shift = switch (unit) {
      case 'k' -> 10;
      case 'm' -> 20;
      case 'g' -> 30;
      default -> 0;
    };
    String digits = shift == 0 ? heap : heap.substring(0, heap.length() - 1);
    return Long.parseLong(digits) << shift;
  }

  static Process start(List<String> command, NodeLayout layout) throws IOException {
    Path console = layout.consoleLog();
    if (Files.exists(console)) {
      // Keeps the previous run's output (a crash's last words) for one more start.
      Files.move(console, console.resolveSibling(console.getFileName() + ".1"),
          StandardCopyOption.REPLACE_EXISTING);
    }
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(layout.root().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    clearJavaOptions(builder.environment());
    return NodeTimerSlack.start(builder);
  }

  static void clearJavaOptions(Map<String, String> environment) {
    INHERITED_JAVA_OPTIONS.forEach(environment::remove);
  }
}
