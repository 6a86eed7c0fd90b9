package dev.tracebridge.core.model;

/**
 * The partition key of a trace: the low 64 bits of its id. Keying on the low half is what lets a
 * browser that propagated a 64-bit id (Datadog, B3 16-hex) and a backend that logged the 128-bit id
 * write into the same partition without either knowing the other. Rows inside the partition keep their
 * full ids, and {@link TraceId#sameTraceAs} separates the (astronomically rare) low-half collisions.
 */
public record TraceKey(long value) {

  public static TraceKey of(TraceId id) {
    return id.key();
  }

  public String toHex() {
    StringBuilder out = new StringBuilder(16);
    HexIds.appendHex16(out, value);
    return out.toString();
  }

  @Override
  public String toString() {
    return toHex();
  }
}
