package dev.tracebridge.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.api.selfmetrics.EngineMetrics;
import dev.tracebridge.core.health.InMemoryVerdictStore;
import dev.tracebridge.core.storage.InMemoryTraceStore;
import dev.tracebridge.core.storage.TestTelemetry;
import dev.tracebridge.correlator.CorrelatingSink;
import dev.tracebridge.correlator.health.PropagationCheckSettings;
import dev.tracebridge.correlator.health.PropagationChecker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedule counts the verdicts its checker decides into tracebridge_verdicts_total. */
class PropagationCheckMetricsTest {
  @Test
  void decidedVerdicts_areCountedByVerdict() throws Exception {
    InMemoryTraceStore store = new InMemoryTraceStore();
    InMemoryVerdictStore verdicts = new InMemoryVerdictStore();
    Instant now = Instant.now();
    // The browser request arrived ten minutes ago and no backend span ever came: past the 2-minute grace.
    Instant arrived = now.minus(Duration.ofMinutes(10));
    new CorrelatingSink(store, verdicts, Clock.fixed(arrived, ZoneOffset.UTC))
        .acceptRum(List.of(TestTelemetry.fullResource(TestTelemetry.randomTraceId(), TestTelemetry.randomSpanId(),
            "shop-web", "session-1", arrived.toEpochMilli())))
        .toCompletableFuture().get();
    EngineMetrics metrics = new EngineMetrics();
    PropagationCheckSchedule schedule = new PropagationCheckSchedule(
        new PropagationChecker(store, verdicts, PropagationCheckSettings.defaults()), Duration.ofSeconds(30), metrics);

    schedule.runOnce(now);

    assertThat(metrics.render()).contains("tracebridge_verdicts_total{verdict=\"not_instrumented\"} 1\n");
  }
}
