package dev.tracebridge.core.model;

/** OTLP span kinds, in the order and numbering of the protocol's enum. */
public enum SpanKind {
  UNSPECIFIED,
  INTERNAL,
  SERVER,
  CLIENT,
  PRODUCER,
  CONSUMER;

  /** Maps OTLP's enum number; numbers from a newer protocol fall back to UNSPECIFIED. */
  public static SpanKind fromOtlp(int number) {
    SpanKind[] all = values();
    return number >= 0 && number < all.length ? all[number] : UNSPECIFIED;
  }

  public int otlpNumber() {
    return ordinal();
  }
}
