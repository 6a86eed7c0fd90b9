package dev.tracebridge.bench;

/**
 * Stops an engine a benchmark started when the benchmark itself is stopped (SIGTERM, or Ctrl-C), instead of
 * leaving it and its Cassandra node running. After a normal end the engine has already been closed, and
 * closing it again does nothing.
 */
public final class EngineExitHook {
  private EngineExitHook() {}

  public static void closeOnExit(AutoCloseable engine) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        engine.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception stopFailed) {
        // This JVM is exiting whatever the engine did; close() has forced it down if it would not stop.
        System.err.println("stopping the engine on exit: " + stopFailed);
      }
    }, "stop-engine"));
  }
}
