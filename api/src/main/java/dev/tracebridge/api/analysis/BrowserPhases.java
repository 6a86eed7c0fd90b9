package dev.tracebridge.api.analysis;

import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.core.rum.RumResource;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Cuts a browser request into the phases Resource Timing measures, back to back from the request's
 * start: redirect, queueing, DNS, connect, TLS, request, the first-byte wait (where the server works),
 * download, and the browser's handling of the response. A phase whose end mark the browser did not give
 * folds into the next known one. Without the request and first-byte marks (cross-origin without
 * {@code Timing-Allow-Origin}, or an SDK that sends no timings) the whole request is one wait phase.
 */
final class BrowserPhases {
  static final String REDIRECT = "redirect";
  static final String QUEUEING = "queueing";
  static final String DNS = "dns";
  static final String CONNECT = "connect";
  static final String TLS = "tls";
  static final String REQUEST = "request";
  /** The wait for the first byte: the window the backend's spans lie in. */
  static final String SERVER = "server";
  static final String DOWNLOAD = "download";
  static final String PROCESSING = "processing";

  private BrowserPhases() {}

  /** A phase in nanoseconds after the request's start; {@code waiting} marks the first-byte wait. */
  record Phase(String name, long from, long to, Category category, boolean waiting) {}

  /** The request's length: the SDK's duration, stretched to its last timing mark when that is later. */
  static long length(RumResource resource) {
    long length = Math.max(0, resource.durationNanos());
    ResourceTiming t = resource.timing();
    if (t != null && known(t.responseEnd())) length = Math.max(length, t.responseEnd());
    return length;
  }

  static List<Phase> of(RumResource resource) {
    long length = length(resource);
    ResourceTiming t = resource.timing();
    List<Phase> phases = new ArrayList<>();
    if (t == null || !t.hasRequestWindow()) {
      long responseEnd = t != null && known(t.responseEnd()) ? clamp(t.responseEnd(), length) : length;
      add(phases, REQUEST, 0, responseEnd, Category.NETWORK, true);
      add(phases, PROCESSING, responseEnd, length, Category.FRONTEND, false);
      return phases;
    }
    Cursor cursor = new Cursor(length);
    if (known(t.redirectStart()) && known(t.redirectEnd()) && t.redirectEnd() > t.redirectStart()) {
      cursor.to(phases, QUEUEING, t.redirectStart(), Category.FRONTEND, false);
      cursor.to(phases, REDIRECT, t.redirectEnd(), Category.NETWORK, false);
    }
    cursor.to(phases, QUEUEING, t.domainLookupStart(), Category.FRONTEND, false);
    cursor.to(phases, DNS, t.domainLookupEnd(), Category.NETWORK, false);
    boolean tls = known(t.secureConnectionStart()) && t.secureConnectionStart() > 0;
    cursor.to(phases, CONNECT, tls ? t.secureConnectionStart() : t.connectEnd(), Category.NETWORK, false);
    if (tls) cursor.to(phases, TLS, t.connectEnd(), Category.NETWORK, false);
    cursor.to(phases, REQUEST, t.requestStart(), Category.NETWORK, false);
    cursor.to(phases, SERVER, t.responseStart(), Category.NETWORK, true);
    cursor.to(phases, DOWNLOAD, known(t.responseEnd()) ? t.responseEnd() : length, Category.NETWORK, false);
    cursor.to(phases, PROCESSING, length, Category.FRONTEND, false);
    return phases;
  }

  /** The first-byte wait, or null when the request has none (a zero-length window). */
  static @Nullable Phase waiting(List<Phase> phases) {
    for (Phase phase : phases) {
      if (phase.waiting()) return phase;
    }
    return null;
  }

  private static boolean known(long mark) {
    return mark != ResourceTiming.UNKNOWN && mark >= 0;
  }

  private static long clamp(long mark, long length) {
    return Math.max(0, Math.min(mark, length));
  }

  private static void add(List<Phase> phases, String name, long from, long to, Category category,
      boolean waiting) {
    // The wait is kept even when empty: backend spans hang under it, clipped to nothing but still listed.
    if (to > from || waiting) phases.add(new Phase(name, from, Math.max(from, to), category, waiting));
  }

  /** Walks the marks in order; each phase ends at its mark and the next starts there. */
  private static final class Cursor {
    private final long length;
    private long at;

    Cursor(long length) {
      this.length = length;
    }

    void to(List<Phase> phases, String name, long mark, Category category, boolean waiting) {
      if (!known(mark)) return;
      long end = clamp(mark, length);
      if (end < at) return;
      add(phases, name, at, end, category, waiting);
      at = end;
    }
  }
}
