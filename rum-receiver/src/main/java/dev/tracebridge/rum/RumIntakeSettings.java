package dev.tracebridge.rum;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * What every RUM intake enforces.
 *
 * @param allowedApps application ids (or intake keys: a Datadog client token, a Guance token, a Faro api
 *     key) whose events are accepted; empty accepts every app. Like DataKit's app-id allow-list.
 * @param perAppEventsPerSecond sustained events per second per app; 0 means unlimited
 * @param maxEventsPerBatch events in one request beyond which it is refused with 413
 * @param maxDecompressedBytes bytes a compressed body may inflate to before it is refused with 413
 */
public record RumIntakeSettings(
    Set<String> allowedApps, double perAppEventsPerSecond, int maxEventsPerBatch, int maxDecompressedBytes) {

  /**
   * SDKs flush far smaller batches (Faro 50 items, Datadog 16 KiB of events); a thousand leaves room for
   * a replayed backlog while bounding the work of one request.
   */
  public static final int DEFAULT_MAX_EVENTS_PER_BATCH = 1_000;
  /**
   * Datadog's SDK caps a batch at 16 KiB compressed and an event at 256 KiB; 8 MiB covers any real
   * batch and stops a zlib bomb long before it costs memory.
   */
  public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 8 * 1024 * 1024;

  public RumIntakeSettings {
    allowedApps = Set.copyOf(requireNonNull(allowedApps, "allowedApps"));
    if (!(perAppEventsPerSecond >= 0) || Double.isInfinite(perAppEventsPerSecond)) {
      throw new IllegalArgumentException(
          "perAppEventsPerSecond: " + perAppEventsPerSecond + " (expected: >= 0, 0 = unlimited)");
    }
    if (maxEventsPerBatch <= 0) {
      throw new IllegalArgumentException("maxEventsPerBatch: " + maxEventsPerBatch + " (expected: > 0)");
    }
    if (maxDecompressedBytes <= 0) {
      throw new IllegalArgumentException("maxDecompressedBytes: " + maxDecompressedBytes + " (expected: > 0)");
    }
  }

  /** Every app, no rate limit, the default bounds. */
  public static RumIntakeSettings defaults() {
    return new RumIntakeSettings(Set.of(), 0, DEFAULT_MAX_EVENTS_PER_BATCH, DEFAULT_MAX_DECOMPRESSED_BYTES);
  }

  boolean allows(String appId, @org.jspecify.annotations.Nullable String intakeKey) {
    return allowedApps.isEmpty() || allowedApps.contains(appId)
        || (intakeKey != null && allowedApps.contains(intakeKey));
  }

  boolean rateLimited() {
    return perAppEventsPerSecond > 0;
  }
}
