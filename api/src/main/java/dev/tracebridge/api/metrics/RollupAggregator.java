package dev.tracebridge.api.metrics;

import dev.tracebridge.api.analysis.BrowserTimeline;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.search.LatencyHistogram;
import dev.tracebridge.core.search.MetricRollup;
import dev.tracebridge.core.search.RollupKey;
import dev.tracebridge.core.search.UrlPattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns one minute's joined traces into rollup rows. Each browser request is one observation, keyed by
 * its app, view route, URL pattern and the backend span that served it: total is the request's length,
 * backend the serving span's time inside the first-byte wait, network the network phases plus the rest
 * of that wait. Each backend entry span that no browser request started is one observation of its own
 * (total = backend, no network). Keys beyond {@link #MAX_SERIES_PER_MINUTE} fold into one
 * {@value #OTHER} row, so a URL pattern that fails to fold ids cannot grow the rollups without bound.
 */
final class RollupAggregator {
  static final int MAX_SERIES_PER_MINUTE = 2_000;
  static final String OTHER = "{other}";
  /** A browser request at or above this status failed on the server's side. */
  private static final int FIRST_SERVER_ERROR_STATUS = 500;
  private static final RollupKey OTHER_KEY = new RollupKey(OTHER, OTHER, OTHER, OTHER, OTHER);

  private final long epochMinute;
  private final Map<RollupKey, Series> series = new LinkedHashMap<>();

  RollupAggregator(long epochMinute) {
    this.epochMinute = epochMinute;
  }

  void add(JoinedTrace trace) {
    Map<String, Span> byId = new HashMap<>();
    for (Span span : trace.spans()) byId.putIfAbsent(span.spanId().toHex(), span);
    Map<String, Span> servedBy = new HashMap<>();
    Set<SpanId> linkedSpans = new HashSet<>();
    for (TraceLink link : trace.links()) {
      Span child = byId.get(link.childSpanId().toHex());
      if (child != null) servedBy.putIfAbsent(link.resourceEventId(), child);
      linkedSpans.add(link.childSpanId());
    }
    for (RumResource resource : trace.resources()) addRequest(resource, servedBy.get(resource.eventId()));
    for (Span span : trace.spans()) {
      boolean entry = !linkedSpans.contains(span.spanId())
          && (span.parentSpanId() == null || !byId.containsKey(span.parentSpanId().toHex()));
      if (entry) {
        series(new RollupKey("", "", "", span.serviceName(), span.name()))
            .observe(span.durationNanos(), -1, span.durationNanos(), span.status().isError());
      }
    }
  }

  List<MetricRollup> rollups(boolean complete) {
    List<MetricRollup> rows = new ArrayList<>(series.size());
    series.forEach((key, s) -> rows.add(new MetricRollup(key, epochMinute, s.count, s.errors, s.total.build(),
        s.network.build(), s.backend.build(), complete)));
    return rows;
  }

  private void addRequest(RumResource resource, @Nullable Span server) {
    long total = BrowserTimeline.lengthNanos(resource);
    long network = 0;
    long wait = 0;
    for (BrowserTimeline.Phase phase : BrowserTimeline.phases(resource)) {
      long length = phase.toNanos() - phase.fromNanos();
      if (phase.waiting()) wait = length;
      else if (phase.category().equals("network")) network += length;
    }
    long backend = server == null ? 0 : Math.min(server.durationNanos(), wait);
    network += wait - backend;
    String viewUrl = resource.context().viewUrl();
    RollupKey key = new RollupKey(resource.context().appId(), viewUrl == null ? "" : UrlPattern.of(viewUrl),
        UrlPattern.of(resource.url()), server == null ? "" : server.serviceName(),
        server == null ? "" : server.name());
    boolean failed = resource.statusCode() == 0 || resource.statusCode() >= FIRST_SERVER_ERROR_STATUS
        || server != null && server.status().isError();
    series(key).observe(total, network, server == null ? -1 : backend, failed);
  }

  private Series series(RollupKey key) {
    Series existing = series.get(key);
    if (existing != null) return existing;
    if (series.size() >= MAX_SERIES_PER_MINUTE) return series.computeIfAbsent(OTHER_KEY, k -> new Series());
    Series created = new Series();
    series.put(key, created);
    return created;
  }

  /** One key's observations; a negative part means "not measured" and is not recorded. */
  private static final class Series {
    final LatencyHistogram.Builder total = LatencyHistogram.builder();
    final LatencyHistogram.Builder network = LatencyHistogram.builder();
    final LatencyHistogram.Builder backend = LatencyHistogram.builder();
    long count;
    long errors;

    void observe(long totalNanos, long networkNanos, long backendNanos, boolean failed) {
      count++;
      if (failed) errors++;
      total.record(totalNanos);
      if (networkNanos >= 0) network.record(networkNanos);
      if (backendNanos >= 0) backend.record(backendNanos);
    }
  }
}
