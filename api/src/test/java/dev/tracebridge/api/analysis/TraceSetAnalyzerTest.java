package dev.tracebridge.api.analysis;

import static dev.tracebridge.api.analysis.HandBuiltTraces.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tracebridge.core.model.TraceId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceSetAnalyzerTest {
  private final TraceSetAnalyzer analyzer = new TraceSetAnalyzer();

  @Test
  void rank_isTheNearestRank() {
    assertThat(TraceSetAnalyzer.rank(100, 0.95)).isEqualTo(94);
    assertThat(TraceSetAnalyzer.rank(1, 0.99)).isZero();
    assertThat(TraceSetAnalyzer.rank(20, 0.5)).isEqualTo(9);
  }

  @Test
  void slowerDatabase_showsAsTheP95ChangeAndItsContributor() {
    List<TraceAnalysis> before = new ArrayList<>();
    List<TraceAnalysis> now = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      before.add(analysis(i, 100, 20, null));
      now.add(analysis(100 + i, 100, i >= 19 ? 400 : 20, i >= 19 ? "db" : null));
    }

    TraceSetAnalysis result = analyzer.analyze("checkout", 1_000, 2_000, now, false, before, false);

    assertThat(result.current().percentiles()).extracting(TraceSetAnalysis.Percentile::name,
        TraceSetAnalysis.Percentile::ms).containsExactly(tuple("p50", 120.0), tuple("p95", 500.0), tuple("p99", 500.0));
    assertThat(result.current().p95Contributors().get(0).name()).isEqualTo("db");
    assertThat(result.current().p95Contributors().get(0).meanMs()).isEqualTo(400.0);
    assertThat(result.change().p95Ms()).isEqualTo(380.0);
    assertThat(result.change().p95Percent()).isEqualTo(316.667);
    assertThat(result.change().p95Contributors().get(0)).extracting(TraceSetAnalysis.ContributorChange::name,
        TraceSetAnalysis.ContributorChange::deltaMs).containsExactly("db", 380.0);
    assertThat(result.current().topErrorOrigins()).extracting(TraceSetAnalysis.ErrorOriginCount::service,
        TraceSetAnalysis.ErrorOriginCount::traces).containsExactly(tuple("db", 2));
    assertThat(result.summary()).isEqualTo("p95 of checkout was 500 ms over 20 traces (up 380 ms from 120 ms);"
        + " in the slowest 5 % most time went to db (80.0 %, 400 ms per trace, up 380 ms); most errors started in"
        + " db \"query\" (2 traces).");
  }

  @Test
  void noTraces_saySo() {
    TraceSetAnalysis result = analyzer.analyze("checkout", 0, 10, List.of(), false, List.of(), false);

    assertThat(result.summary()).isEqualTo("No traces of checkout in this period.");
    assertThat(result.change()).isNull();
  }

  /** A trace of {@code appMs} in the app's own span and {@code dbMs} in its database call. */
  private static TraceAnalysis analysis(int id, long appMs, long dbMs, String errorIn) {
    long total = (appMs + dbMs) * MS;
    List<TraceAnalysis.Part> split = List.of(new TraceAnalysis.Part(Category.BACKEND, "db", dbMs * MS),
        new TraceAnalysis.Part(Category.BACKEND, "app", appMs * MS));
    ErrorOrigin origin = errorIn == null ? null
        : new ErrorOrigin("span", "s" + id, errorIn, "query", "timeout", null, List.of());
    return new TraceAnalysis(TraceId.of(0, id), "app GET /", 0, total, List.of(), java.util.Map.of(), split,
        origin, List.of(), List.of(), "");
  }
}
