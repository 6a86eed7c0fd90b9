package dev.tracebridge.api.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The log line about an unknown ingest key, at most once a minute for each key fingerprint and client
 * address. A client sending with a stale key keeps doing so at its export rate: one line per refused
 * request would fill the log with copies of one fact. Each line after the first says how many refusals of
 * the same pair it stands for.
 *
 * <p>At most {@link #MAX_TRACKED} pairs are remembered; beyond that (many keys or addresses at once, which is
 * itself worth a line) every refusal is logged until expired pairs are dropped.
 */
final class RefusedKeyLog {
  static final Duration INTERVAL = Duration.ofMinutes(1);
  static final int MAX_TRACKED = 1_024;

  private final Consumer<String> sink;
  private final LongSupplier nanoTime;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  RefusedKeyLog(Consumer<String> sink, LongSupplier nanoTime) {
    this.sink = requireNonNull(sink, "sink");
    this.nanoTime = requireNonNull(nanoTime, "nanoTime");
  }

  /** Records one refusal of the key with {@code fingerprint} from {@code remoteAddress}. */
  void refused(String fingerprint, String remoteAddress) {
    String pair = fingerprint + " from " + remoteAddress;
    long now = nanoTime.getAsLong();
    if (!windows.containsKey(pair) && windows.size() >= MAX_TRACKED) {
      windows.values().removeIf(w -> w.expiredAt(now));
      if (windows.size() >= MAX_TRACKED) {
        sink.accept("ingest key refused: unknown key " + pair);
        return;
      }
    }
    long[] suppressed = {-1};
    windows.compute(pair, (k, window) -> {
      if (window != null && !window.expiredAt(now)) {
        window.suppressed++;
        return window;
      }
      suppressed[0] = window == null ? 0 : window.suppressed;
      return new Window(now);
    });
    if (suppressed[0] < 0) return;
    sink.accept("ingest key refused: unknown key " + pair + (suppressed[0] == 0 ? ""
        : " (" + suppressed[0] + " more refusals of it since its last line, not logged)"));
  }

  /** A pair's current minute: when its last line was written and how many refusals went unlogged since. */
  private static final class Window {
    final long startNanos;
    long suppressed;

    Window(long startNanos) {
      this.startNanos = startNanos;
    }

    boolean expiredAt(long nowNanos) {
      return nowNanos - startNanos >= INTERVAL.toNanos();
    }
  }
}
