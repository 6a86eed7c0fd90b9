package dev.tracebridge.rum.faro;

import dev.tracebridge.rum.batch.InvalidEventException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Faro stamps items with ISO-8601 strings ({@code new Date().toISOString()}). */
final class FaroTime {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private FaroTime() {}

  static long epochNanos(String path, @Nullable String iso) {
    if (iso == null) throw new InvalidEventException(path + ": missing");
    try {
      Instant at = Instant.parse(iso);
      if (at.getEpochSecond() <= 0) {
        throw new InvalidEventException(path + ": '" + iso + "' (expected: after 1970)");
      }
      return Math.addExact(Math.multiplyExact(at.getEpochSecond(), NANOS_PER_SECOND), at.getNano());
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new InvalidEventException(path + ": '" + iso + "' (expected: an ISO-8601 instant)");
    }
  }
}
