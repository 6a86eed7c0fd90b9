package dev.tracebridge.e2e;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/**
 * The fault tests' handle on an {@link EngineProcess} (which starts, restarts, kills and stops it): the
 * ports the clients need, and a Cassandra pid that must exist, since a fault test signals it.
 */
final class FaultEngine implements AutoCloseable {
  final int apiPort;
  final int ingestPort;
  final int grpcPort;
  final Path dataDir;
  final Path log;
  private final EngineProcess engine;

  private FaultEngine(EngineProcess engine) {
    this.engine = engine;
    this.apiPort = engine.apiPort;
    this.ingestPort = engine.ingestPort;
    this.grpcPort = engine.grpcPort;
    this.dataDir = engine.dataDir;
    this.log = engine.log;
  }

  /** Starts on free ports with {@code options} ({@code --name=value}) and waits until it is ready. */
  static FaultEngine start(Path dataDir, String... options) throws Exception {
    return new FaultEngine(EngineProcess.start(dataDir, EngineProcess.freePorts(EngineProcess.PORTS),
        List.of(options)));
  }

  /** Starts again on the same ports, data and options (the previous process must be gone). */
  FaultEngine restart() throws Exception {
    return new FaultEngine(engine.restart());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return engine.get(path);
  }

  HttpResponse<String> postIngest(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return engine.postIngest(path, contentType, body);
  }

  long pid() {
    return engine.pid();
  }

  /** SIGKILL: see {@link EngineProcess#kill()}. */
  void kill() throws InterruptedException {
    engine.kill();
  }

  /** The embedded Cassandra's pid; a ready engine has written its pid file. */
  long cassandraPid() throws IOException {
    return engine.cassandraPid().orElseThrow(() -> new IOException(
        "no cassandra/cassandra.pid under " + dataDir + " (expected: written by a ready engine)"));
  }

  String logTail() {
    return engine.logTail();
  }

  @Override
  public void close() throws InterruptedException {
    engine.close();
  }
}
