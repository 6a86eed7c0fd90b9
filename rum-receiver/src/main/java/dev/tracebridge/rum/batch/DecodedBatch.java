package dev.tracebridge.rum.batch;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.rum.RumEvent;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a decoder made of a batch.
 *
 * @param events the valid events with their positions, in batch order
 * @param rejections the invalid ones, never stored
 * @param skipped events of a type this intake does not store (Datadog telemetry, Faro logs...): counted,
 *     not an error
 * @param notStored items understood but left to another intake (Faro's embedded OTLP spans)
 * @param notes sentences for the receipt's message
 * @param intakeKey the key the SDK sent besides the app id (Datadog client token, Guance token, Faro
 *     api key); an allow-list may name it instead of the app id
 */
public record DecodedBatch(
    List<BatchEvent> events,
    List<EventRejection> rejections,
    int skipped,
    int notStored,
    List<String> notes,
    @Nullable String intakeKey) {

  public DecodedBatch {
    events = List.copyOf(events);
    rejections = List.copyOf(rejections);
    notes = List.copyOf(notes);
    if (skipped < 0 || notStored < 0) {
      throw new IllegalArgumentException(
          "skipped/notStored: " + skipped + "/" + notStored + " (expected: >= 0)");
    }
  }

  public static Collector collector(DecodeLimits limits) {
    return new Collector(requireNonNull(limits, "limits"));
  }

  /** Gathers a batch while a decoder reads it, and refuses the batch once it exceeds the event bound. */
  public static final class Collector {
    private final DecodeLimits limits;
    private final java.util.ArrayList<BatchEvent> events = new java.util.ArrayList<>();
    private final java.util.ArrayList<EventRejection> rejections = new java.util.ArrayList<>();
    private final java.util.ArrayList<String> notes = new java.util.ArrayList<>();
    private int seen;
    private int skipped;
    private int notStored;
    private @Nullable String intakeKey;

    private Collector(DecodeLimits limits) {
      this.limits = limits;
    }

    /**
     * Counts one more item of the batch and returns its index. Throws once the batch holds more items
     * than allowed, before the decoder spends work on the excess.
     */
    public int next() {
      if (seen >= limits.maxEvents()) {
        throw RejectedBatchException.tooLarge(
            "events: more than " + limits.maxEvents() + " (expected: <= " + limits.maxEvents() + ")");
      }
      return seen++;
    }

    public void accept(int index, RumEvent event) {
      events.add(new BatchEvent(index, event));
    }


    public void reject(int index, String reason) {
      rejections.add(new EventRejection(index, reason));
    }

    public void skip() {
      skipped++;
    }

    public void notStored(int count) {
      notStored += count;
    }

    public void note(String note) {
      notes.add(requireNonNull(note, "note"));
    }

    public void intakeKey(@Nullable String key) {
      intakeKey = key == null || key.isBlank() ? null : key;
    }

    public DecodedBatch build() {
      return new DecodedBatch(events, rejections, skipped, notStored, notes, intakeKey);
    }
  }
}
