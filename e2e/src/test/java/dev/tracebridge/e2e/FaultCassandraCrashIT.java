package dev.tracebridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded Cassandra's process is killed (SIGKILL by PID: the OOM killer, a crash). The engine
 * answers ingest with 503 and Retry-After while the node is down, restarts the node by itself
 * (tracebridge.embedded.max-restarts), and stores again; what was acknowledged before the kill is
 * still there.
 */
class FaultCassandraCrashIT {
  /** A node start on a busy 2-core machine, the driver's reconnect (at most 10 s) and the 1 s backoff. */
  private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(3);
  private static final Duration PROBE_PAUSE = Duration.ofMillis(500);
  private static final int ACCEPTED = 202;
  private static final int UNAVAILABLE = 503;
  private static final int OVERLOADED = 429;

  @TempDir Path dir;

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void cassandraKilled_ingestAnswers503ThenEngineRestartsItAndStoresAgain() throws Exception {
    try (FaultEngine engine = FaultEngine.start(dir.resolve("data"))) {
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      String before = OtelTraces.traceId();
      assertThat(post(engine, before).statusCode()).isEqualTo(ACCEPTED);
      acknowledged.add(before);

      long killedPid = engine.cassandraPid();
      ProcessHandle killed = ProcessHandle.of(killedPid).orElseThrow();
      killed.destroyForcibly();
      killed.onExit().get(30, TimeUnit.SECONDS);

      Map<Integer, Integer> answers = new TreeMap<>();
      long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
      boolean outageSeen = false;
      boolean recovered = false;
      while (!recovered && System.nanoTime() - deadline < 0) {
        String traceId = OtelTraces.traceId();
        HttpResponse<String> answer = post(engine, traceId);
        answers.merge(answer.statusCode(), 1, Integer::sum);
        if (answer.statusCode() == UNAVAILABLE || answer.statusCode() == OVERLOADED) {
          outageSeen = true;
          assertThat(answer.headers().firstValue("retry-after")).as("retryable refusal").isPresent();
        } else if (answer.statusCode() == ACCEPTED) {
          acknowledged.add(traceId);
          recovered = outageSeen;
        }
        Thread.sleep(PROBE_PAUSE.toMillis());
      }

      assertThat(answers.keySet()).as("only success or retryable refusals, never a 500")
          .isSubsetOf(Set.of(ACCEPTED, UNAVAILABLE, OVERLOADED));
      assertThat(outageSeen).as("the dead node was felt as 503 / 429: " + answers).isTrue();
      assertThat(recovered).as("stored again within " + RECOVERY_LIMIT + ": " + answers + "\n" + engine.logTail())
          .isTrue();
      long restartedPid = engine.cassandraPid();
      assertThat(restartedPid).isNotEqualTo(killedPid);
      assertThat(ProcessHandle.of(restartedPid).map(ProcessHandle::isAlive)).contains(true);
      assertThat(engine.get("/api/v1/ready").statusCode()).isEqualTo(200);
      assertThat(FaultReadBack.missing(engine, Set.of(), acknowledged)).as("acknowledged, then lost").isEmpty();
    }
  }

  private static HttpResponse<String> post(FaultEngine engine, String traceId) throws Exception {
    return engine.postIngest("/v1/rum", "application/json", FaultTelemetry.rumBatch(List.of(traceId)));
  }
}
