package dev.tracebridge.store.cassandra;

import dev.tracebridge.core.rum.RumEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The session_events partition an event belongs to. Events with a session id share one partition per
 * session, bounded by the SDK's session length; events without one go to their app's '' session, split
 * by the UTC day they were stored on, so that partition cannot grow without bound.
 */
record SessionPartition(String appId, String sessionId, int bucket) {
  private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

  static SessionPartition of(RumEvent event, Clock clock) {
    String sessionId = event.context().sessionId();
    if (sessionId == null || sessionId.isEmpty()) {
      return new SessionPartition(event.context().appId(), "", day(clock.instant().getEpochSecond()));
    }
    return new SessionPartition(event.context().appId(), sessionId, Schema.SESSION_BUCKET);
  }

  /**
   * The partitions a session's events can be in: one for a real session; for the '' session, every day
   * still inside the retention, newest last.
   */
  static List<SessionPartition> forRead(String appId, String sessionId, Duration retention, Clock clock) {
    if (!sessionId.isEmpty()) return List.of(new SessionPartition(appId, sessionId, Schema.SESSION_BUCKET));
    int today = day(clock.instant().getEpochSecond());
    int days = (int) (retention.toSeconds() / SECONDS_PER_DAY) + 1;
    List<SessionPartition> out = new ArrayList<>(days);
    for (int day = today - days + 1; day <= today; day++) out.add(new SessionPartition(appId, "", day));
    return out;
  }

  private static int day(long epochSecond) {
    return (int) Math.floorDiv(epochSecond, SECONDS_PER_DAY);
  }
}
