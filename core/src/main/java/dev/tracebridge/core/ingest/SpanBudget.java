package dev.tracebridge.core.ingest;

/**
 * The spans the sender of one request may still store. A receiver charges a decoded export's spans here
 * before it hands any of them to the {@link TelemetrySink} or acknowledges anything, so a refusal leaves
 * nothing stored. The api module implements it with its per-client span limit; receivers know nothing of
 * clients or limits.
 */
@FunctionalInterface
public interface SpanBudget {
  /** Charges nothing and refuses nothing: for requests no span limit applies to. */
  SpanBudget UNLIMITED = spans -> { };

  /**
   * Charges {@code spans} to the sender.
   *
   * @throws IngestRefusedException when the sender cannot pay for them now; nothing was charged, none of
   *     the spans may be stored, and the exception's delay says when to send them again
   */
  void charge(int spans);
}
