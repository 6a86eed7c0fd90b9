package dev.tracebridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C stops the embedded node too, and what was acknowledged is there after a restart. */
class EngineLifecycleIT {
  @TempDir Path dir;

  @Test
  void stopAndRestart_keepsAcknowledgedDataAndStopsCassandra() throws Exception {
    Path dataDir = dir.resolve("data");
    int[] ports = EngineProcess.freePorts(5);
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    long cassandraPid;
    try (EngineProcess engine = EngineProcess.start(dataDir, ports)) {
      String event = """
          [{"type":"resource","date":%d,"app":{"id":"shop-web"},"session":{"id":"s-restart"},
            "view":{"id":"v-1","url":"https://shop.example/"},
            "resource":{"url":"https://api.shop.example/items","method":"GET","status_code":200,"duration_ms":12},
            "trace":{"headers":{"traceparent":"00-%s-00f067aa0ba902b7-01"}}}]
          """.formatted(System.currentTimeMillis(), traceId);
      HttpResponse<String> posted = engine.postIngest("/v1/rum", "application/json", event);
      assertThat(posted.statusCode()).as(posted.body()).isBetween(200, 299);
      Optional<Long> pid = engine.cassandraPid();
      assertThat(pid).as("embedded Cassandra pid file").isPresent();
      cassandraPid = pid.get();
      assertThat(ProcessHandle.of(cassandraPid).map(ProcessHandle::isAlive)).contains(true);

      engine.stop();
      assertThat(ProcessHandle.of(cassandraPid).map(ProcessHandle::isAlive).orElse(false))
          .as("embedded Cassandra stopped with the engine").isFalse();
    }

    try (EngineProcess restarted = EngineProcess.start(dataDir, ports)) {
      HttpResponse<String> trace = restarted.get("/api/v1/traces/" + traceId);
      assertThat(trace.statusCode()).as(trace.body()).isEqualTo(200);
      assertThat(trace.body()).contains("https://api.shop.example/items");
    }
  }

  @Test
  void cqlPortTaken_exitsWithClearMessageAndNoStackTrace() throws Exception {
    int[] ports = EngineProcess.freePorts(5);
    try (ServerSocket squatter = new ServerSocket(ports[3], 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> EngineProcess.start(dir.resolve("taken"), ports))
          .hasMessageContaining("engine exited")
          .hasMessageContaining("APPLICATION FAILED TO START")
          .hasMessageContaining(String.valueOf(ports[3]))
          .hasMessageContaining("--tracebridge.embedded.cql-port")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\tat "));
    }
  }
}
