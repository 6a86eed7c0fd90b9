package dev.tracebridge.store.cassandra;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The verdict_apps rows this engine process wrote lately, so that a busy app writes its row of an hour a
 * few times an hour rather than with every verdict. Only rows Cassandra acknowledged are remembered, by
 * the time they were sent (never later than Cassandra applied them); a row is due again
 * {@code rewriteAfter} later. That bound is what lets a row's TTL (retention + rewriteAfter) outlast every
 * verdict row it stood for. Times are {@link System#nanoTime} values, passed in so tests choose them.
 */
final class RecentAppHours {
  private final long rewriteAfterNanos;
  private final int maxRemembered;
  private final ConcurrentHashMap<AppHour, Long> sentAt = new ConcurrentHashMap<>();

  /** One verdict_apps row. */
  record AppHour(long hour, String appId) {}

  RecentAppHours(Duration rewriteAfter, int maxRemembered) {
    this.rewriteAfterNanos = rewriteAfter.toNanos();
    this.maxRemembered = maxRemembered;
  }

  /** Whether {@code row} must be written at {@code nowNanos}: never written, or not within rewriteAfter. */
  boolean due(AppHour row, long nowNanos) {
    Long sent = sentAt.get(row);
    return sent == null || nowNanos - sent >= rewriteAfterNanos;
  }

  /** Remembers a row Cassandra acknowledged, by the time it was sent. */
  void written(AppHour row, long sentAtNanos) {
    if (sentAt.size() >= maxRemembered && !sentAt.containsKey(row)) {
      // Rows past rewriteAfter are due anyway; if the recent ones alone fill the memory (thousands of apps),
      // forget them all: their rows are written again, which is correct, only no longer free.
      sentAt.values().removeIf(sent -> sentAtNanos - sent >= rewriteAfterNanos);
      if (sentAt.size() >= maxRemembered) sentAt.clear();
    }
    sentAt.merge(row, sentAtNanos, Math::max);
  }

  int size() {
    return sentAt.size();
  }
}
