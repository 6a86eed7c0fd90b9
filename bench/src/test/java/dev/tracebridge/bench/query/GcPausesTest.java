package dev.tracebridge.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcPausesTest {
  private static final String LOG = """
      [0.004s][info][gc] Using G1
      [12.345s][info][gc] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(256M) 3.210ms
      [13.000s][info][gc] GC(13) Pause Young (Concurrent Start) (G1 Humongous Allocation) 140M->35M(256M) 5.5ms
      [13.100s][info][gc] GC(14) Concurrent Mark Cycle
      [13.200s][info][gc] GC(14) Pause Remark 40M->40M(256M) 1.000ms
      [13.300s][info][gc] GC(14) Pause Cleanup 40M->40M(256M) 0.290ms
      [13.400s][info][gc] GC(14) Concurrent Mark Cycle 300.123ms
      """;

  @Test
  void gcLog_countsEveryPauseAndNoConcurrentPhase() {
    GcPauses pauses = GcPauses.in(LOG);

    assertThat(pauses.count()).isEqualTo(4);
    assertThat(pauses.totalMillis()).isCloseTo(10.0, Offset.offset(1e-9));
    assertThat(pauses.maxMillis()).isEqualTo(5.5);
  }

  @Test
  void linesAfterTheMark_onlyThoseCount(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("engine-gc.log");
    assertThat(GcPauses.mark(log)).isZero();
    Files.writeString(log, LOG);
    long mark = GcPauses.mark(log);
    Files.writeString(log,
        "[20.000s][info][gc] GC(15) Pause Young (Normal) (G1 Evacuation Pause) 150M->31M(256M) 70.25ms\n",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    assertThat(GcPauses.since(log, mark)).isEqualTo(new GcPauses(1, 70.25, 70.25));
    assertThat(GcPauses.since(dir.resolve("absent.log"), 0)).isEqualTo(new GcPauses(0, 0, 0));
  }
}
