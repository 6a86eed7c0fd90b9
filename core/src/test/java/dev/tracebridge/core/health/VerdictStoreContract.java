package dev.tracebridge.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.search.UrlPattern;
import dev.tracebridge.core.storage.TestTelemetry;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The verdict store test suite: written once, run by every {@link VerdictStore}. Tests isolate
 * themselves with random ids, apps and buckets instead of truncating, so a shared Cassandra node stays
 * fast. The checker-progress test needs a store of its own ({@link #freshStore}), since progress is one
 * value per store.
 */
public abstract class VerdictStoreContract {
  private static final long HOUR = 3_600_000_000_000L;
  private static final long SECOND = 1_000_000_000L;

  /** The store under test; may be shared between tests. */
  protected abstract VerdictStore store();

  /** A store whose checker progress nobody else has moved. */
  protected abstract VerdictStore freshStore();

  @Test
  void scheduledChecks_readBackByArrivalBucket() throws Exception {
    long received = randomTime();
    PendingCheck a = new PendingCheck("app-" + UUID.randomUUID(), "e-a", TestTelemetry.randomTraceId().key(), received);
    PendingCheck b = new PendingCheck(a.appId(), "e-b", TestTelemetry.randomTraceId().key(), received + 1);
    PendingCheck later = new PendingCheck(a.appId(), "e-c", TestTelemetry.randomTraceId().key(),
        received + 2 * PendingCheck.BUCKET_NANOS);
    get(store().schedule(List.of(a, b, later)));

    assertThat(get(store().pendingChecks(a.bucket()))).containsExactlyInAnyOrder(a, b);
    assertThat(get(store().pendingChecks(later.bucket()))).containsExactly(later);
    assertThat(get(store().pendingChecks(a.bucket() + 1))).isEmpty();
  }

  @Test
  void sameCheckTwice_readsOnce() throws Exception {
    PendingCheck check = new PendingCheck("app-" + UUID.randomUUID(), "e-1", TestTelemetry.randomTraceId().key(),
        randomTime());
    get(store().schedule(List.of(check)));
    get(store().schedule(List.of(check)));

    assertThat(get(store().pendingChecks(check.bucket()))).containsExactly(check);
  }

  @Test
  void checkerProgress_neverMovesBack() throws Exception {
    VerdictStore fresh = freshStore();
    assertThat(get(fresh.checkedThrough())).isEmpty();

    get(fresh.markCheckedThrough(1_000));
    get(fresh.markCheckedThrough(990));

    assertThat(get(fresh.checkedThrough())).isEqualTo(OptionalLong.of(1_000));
  }

  @Test
  void rootSpans_foundByMethodPathAndWindow_earliestFirst() throws Exception {
    String path = randomPath();
    long t = randomTime();
    RootServerSpan early = root("GET", path, t);
    RootServerSpan late = root("GET", path, t + 10 * SECOND);
    RootServerSpan outside = root("GET", path, t + HOUR);
    RootServerSpan otherMethod = root("POST", path, t);
    get(store().indexRootSpans(List.of(late, outside, otherMethod, early)));

    assertThat(get(store().rootSpans("GET", UrlPattern.foldPath(path), t - SECOND, t + 20 * SECOND, 10)))
        .containsExactly(early, late);
    assertThat(get(store().rootSpans("GET", UrlPattern.foldPath(path), t - SECOND, t + 20 * SECOND, 1))).containsExactly(early);
  }

  @Test
  void rootSpans_windowAcrossBucketBoundaries_findsAll() throws Exception {
    String path = randomPath();
    long t = randomTime();
    List<RootServerSpan> spans = List.of(root("GET", path, t), root("GET", path, t + HOUR / 2),
        root("GET", path, t + HOUR + 1));
    get(store().indexRootSpans(spans));

    assertThat(get(store().rootSpans("GET", UrlPattern.foldPath(path), t, t + 2 * HOUR, 10))).containsExactlyElementsOf(spans);
  }

  @Test
  void firstVerdict_wins_andIsAnsweredToTheSecond() throws Exception {
    Verdict first = verdict(PropagationVerdict.NOT_INSTRUMENTED, null);
    Verdict second = new Verdict(first.traceKey(), first.eventId(), first.appId(), first.sessionId(),
        PropagationVerdict.LINKED, "later", first.headerFormats(), first.urlPattern(), first.traceId(),
        first.resourceEpochNanos(), first.decidedAtNanos() + SECOND, null);

    assertThat(get(store().decide(first))).isEqualTo(first);
    assertThat(get(store().decide(second))).isEqualTo(first);
    assertThat(get(store().verdicts(first.traceKey()))).containsExactly(first);
  }

  @Test
  void fallbackVerdict_isFoundUnderBothTraces() throws Exception {
    TraceId backendTrace = TestTelemetry.randomTraceId();
    FallbackLink fallback = new FallbackLink(backendTrace, TestTelemetry.randomSpanId(), 0.9,
        "same session, method and path");
    Verdict v = verdict(PropagationVerdict.HEADER_STRIPPED, fallback);
    get(store().decide(v));

    assertThat(get(store().verdicts(v.traceKey()))).containsExactly(v);
    assertThat(get(store().verdicts(backendTrace.key()))).containsExactly(v);
  }

  @Test
  void health_countsPerPatternFormatAndVerdict_withExamples() throws Exception {
    String app = "app-" + UUID.randomUUID();
    long t = randomTime();
    Verdict linked1 = verdict(app, PropagationVerdict.LINKED, "w3c", t);
    Verdict linked2 = verdict(app, PropagationVerdict.LINKED, "w3c", t + SECOND);
    Verdict stripped = verdict(app, PropagationVerdict.HEADER_STRIPPED, "w3c", t + 2 * SECOND);
    Verdict b3 = verdict(app, PropagationVerdict.LINKED, "b3", t + 3 * SECOND);
    Verdict outOfRange = verdict(app, PropagationVerdict.LINKED, "w3c", t + 3 * HOUR);
    for (Verdict v : List.of(linked1, linked2, stripped, b3, outOfRange)) get(store().decide(v));
    get(store().decide(linked1));

    HealthReport report = get(store().health(app, t, t + HOUR));

    assertThat(report.partial()).isFalse();
    assertThat(report.counts()).extracting(HealthCount::headerFormats, HealthCount::verdict, HealthCount::count)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("w3c", PropagationVerdict.LINKED, 2L),
            org.assertj.core.groups.Tuple.tuple("w3c", PropagationVerdict.HEADER_STRIPPED, 1L),
            org.assertj.core.groups.Tuple.tuple("b3", PropagationVerdict.LINKED, 1L));
    HealthCount linked = report.counts().stream()
        .filter(c -> c.verdict() == PropagationVerdict.LINKED && c.headerFormats().equals("w3c")).findFirst()
        .orElseThrow();
    assertThat(linked.exampleTraceIds()).containsExactlyInAnyOrder(linked1.traceId(), linked2.traceId());
    assertThat(linked.urlPattern()).isEqualTo("api.shop.example/cart/{id}");
    assertThat(linked.hourBucket()).isEqualTo(linked1.reportBucket());
  }

  @Test
  void apps_listEveryAppWithVerdictsInTheRangesHours_sortedAndOnce() throws Exception {
    String prefix = "app-" + UUID.randomUUID();
    long t = randomTime();
    Verdict b = verdict(prefix + "-b", PropagationVerdict.LINKED, "w3c", t);
    Verdict bAgain = verdict(prefix + "-b", PropagationVerdict.CORS_BLOCKED, "w3c", t + SECOND);
    Verdict a = verdict(prefix + "-a", PropagationVerdict.NOT_INSTRUMENTED, "b3", t + 2 * SECOND);
    Verdict later = verdict(prefix + "-c", PropagationVerdict.LINKED, "w3c", t + 3 * HOUR);
    for (Verdict v : List.of(b, bAgain, a, later)) get(store().decide(v));

    HealthApps apps = get(store().apps(t, t + 10 * SECOND));

    assertThat(apps.partial()).isFalse();
    assertThat(apps.appIds()).filteredOn(app -> app.startsWith(prefix)).containsExactly(prefix + "-a", prefix + "-b");
    assertThat(get(store().apps(t + 3 * HOUR, t + 3 * HOUR)).appIds()).contains(prefix + "-c")
        .doesNotContain(prefix + "-a", prefix + "-b");
  }

  @Test
  void apps_areListedPerHour_evenWhenTheirRequestsFallOutsideTheRangesInstants() throws Exception {
    long hourStart = Math.floorDiv(randomTime(), HOUR) * HOUR;
    Verdict early = verdict("app-" + UUID.randomUUID(), PropagationVerdict.LINKED, "w3c", hourStart + 60 * SECOND);
    get(store().decide(early));

    assertThat(get(store().apps(hourStart + HOUR / 2, hourStart + HOUR / 2 + SECOND)).appIds())
        .contains(early.appId());
    assertThat(get(store().apps(hourStart + HOUR, hourStart + 2 * HOUR)).appIds()).doesNotContain(early.appId());
    assertThat(get(store().apps(hourStart - HOUR, hourStart - 1)).appIds()).doesNotContain(early.appId());
  }

  @Test
  void apps_overDays_findTheFirstAndTheLastHour() throws Exception {
    long t = randomTime();
    long days = 3 * 24 * HOUR;
    Verdict first = verdict("app-" + UUID.randomUUID(), PropagationVerdict.LINKED, "w3c", t);
    Verdict last = verdict("app-" + UUID.randomUUID(), PropagationVerdict.SAMPLED_OUT, "w3c", t + days);
    get(store().decide(first));
    get(store().decide(last));

    HealthApps apps = get(store().apps(t, t + days));

    assertThat(apps.appIds()).contains(first.appId(), last.appId());
    assertThat(apps.partial()).isFalse();
  }

  @Test
  void apps_endBeforeStart_isEmpty() throws Exception {
    long t = randomTime();
    Verdict v = verdict("app-" + UUID.randomUUID(), PropagationVerdict.LINKED, "w3c", t);
    get(store().decide(v));

    assertThat(get(store().apps(t + SECOND, t)).appIds()).isEmpty();
  }

  @Test
  void linkedOrigin_keepsTheLatest() throws Exception {
    String app = "app-" + UUID.randomUUID();
    get(store().recordLinkedOrigin(app, "api.shop.example", 2_000));
    get(store().recordLinkedOrigin(app, "api.shop.example", 1_000));

    assertThat(get(store().lastLinkedOrigin(app, "api.shop.example"))).isEqualTo(OptionalLong.of(2_000));
    assertThat(get(store().lastLinkedOrigin(app, "other.example"))).isEmpty();
  }

  @Test
  void clockSamples_perSession_replacedPerResourceAndService() throws Exception {
    String app = "app-" + UUID.randomUUID();
    ClockSample a = new ClockSample(app, "s-1", "checkout", "e-1", -5_000, 7_000);
    ClockSample again = new ClockSample(app, "s-1", "checkout", "e-1", -4_000, 6_000);
    ClockSample b = new ClockSample(app, "s-1", "inventory", "e-1", 1, 2);
    ClockSample otherSession = new ClockSample(app, "s-2", "checkout", "e-9", 1, 2);
    get(store().recordClockSamples(List.of(a, b, otherSession)));
    get(store().recordClockSamples(List.of(again)));

    assertThat(get(store().clockSamples(app, "s-1"))).containsExactlyInAnyOrder(again, b);
  }

  private static RootServerSpan root(String method, String path, long start) {
    return new RootServerSpan(TestTelemetry.randomTraceId(), TestTelemetry.randomSpanId(), "checkout", method,
        UrlPattern.foldPath(path), path, start, start + 5 * SECOND, "session-1");
  }

  private static Verdict verdict(PropagationVerdict kind, @Nullable FallbackLink fallback) {
    TraceId id = TestTelemetry.randomTraceId();
    return new Verdict(id.key(), "res-" + UUID.randomUUID(), "app-" + UUID.randomUUID(), "s-1", kind,
        "because", "w3c", "api.shop.example/cart/{id}", id, randomTime(), randomTime(), fallback);
  }

  private static Verdict verdict(String app, PropagationVerdict kind, String formats, long start) {
    TraceId id = TestTelemetry.randomTraceId();
    return new Verdict(id.key(), "res-" + UUID.randomUUID(), app, "s-1", kind, "because", formats,
        "api.shop.example/cart/{id}", id, start, start + 180 * SECOND, null);
  }

  /** A path of letters only, so folding keeps it unique to the test. */
  private static String randomPath() {
    StringBuilder out = new StringBuilder("/contract/");
    for (int i = 0; i < 12; i++) out.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    return out.toString();
  }

  /** A random time in 2023-2024, at a whole second: far apart for every test run. */
  private static long randomTime() {
    return (1_700_000_000L + ThreadLocalRandom.current().nextLong(30_000_000L)) * SECOND;
  }

  private static <T> T get(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get();
  }
}
