package dev.tracebridge.otlp;

/**
 * An attribute value that cannot be kept: larger than {@link OtlpLimits#maxAttributeValueBytes()}, or
 * meaningless in a trace (a profiles string-table index). The attribute is dropped, counted and reported.
 */
final class DroppedValueException extends Exception {

  DroppedValueException(String reason) {
    super(reason, null, false, false);
  }
}
