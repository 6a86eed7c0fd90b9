package dev.tracebridge.otlp;

import dev.tracebridge.core.model.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The running result of decoding one export: accepted spans, rejected spans and the problems to report.
 * Both decoders (protobuf and JSON) fill one, so the two encodings answer alike. Not thread-safe: one per
 * request.
 */
final class ExportTally {
  /** Keeps the partial-success message readable however many spans were bad; the count stays exact. */
  static final int MAX_REPORTED_PROBLEMS = 5;

  private final int maxAttributeValueBytes;
  private final ArrayList<Span> spans = new ArrayList<>();
  private final List<String> reported = new ArrayList<>(MAX_REPORTED_PROBLEMS);
  private int unreported;
  private int rejected;
  private int remainingValueBytes;

  ExportTally(OtlpLimits limits) {
    this.maxAttributeValueBytes = limits.maxAttributeValueBytes();
  }

  void accept(Span span) {
    spans.add(span);
  }

  /** One span is invalid and will not be stored; {@code where} names it so the client can find it. */
  void reject(String where, String why) {
    rejected++;
    report(where + " rejected: " + why);
  }

  /** Something was accepted only in part (and counted in a dropped count); the client is told. */
  void warn(String where, String what) {
    report(where + ": " + what);
  }

  /** Starts measuring one attribute's value against {@link OtlpLimits#maxAttributeValueBytes()}. */
  void startValue() {
    remainingValueBytes = maxAttributeValueBytes;
  }

  /** Counts {@code bytes} of the current attribute value; fails once the value is over the limit. */
  void chargeValue(int bytes) throws DroppedValueException {
    remainingValueBytes -= bytes;
    if (remainingValueBytes < 0) {
      throw new DroppedValueException("value larger than " + maxAttributeValueBytes
          + " bytes (the receiver's maxAttributeValueBytes)");
    }
  }

  /** The UTF-8 length of a string, computed only when it could matter against the limit. */
  void chargeString(String value) throws DroppedValueException {
    int length = value.length();
    // One UTF-16 char is at most 3 UTF-8 bytes: short strings cannot exceed what is left, skip the count.
    if ((long) length * 3 <= remainingValueBytes) {
      remainingValueBytes -= length;
      return;
    }
    chargeValue(utf8Length(value));
  }

  DecodedExport result() {
    String message = String.join("; ", reported);
    if (unreported > 0) {
      message += "; and " + unreported + " more";
    }
    return new DecodedExport(spans, rejected, message);
  }

  /** A count from the wire (OTLP uint32) plus what this receiver dropped, saturating at int's maximum. */
  static int addToCount(int wireUint32, int droppedHere) {
    long sum = Integer.toUnsignedLong(wireUint32) + droppedHere;
    return (int) Math.min(sum, Integer.MAX_VALUE);
  }

  private void report(String problem) {
    if (reported.size() < MAX_REPORTED_PROBLEMS) {
      reported.add(problem);
    } else {
      unreported++;
    }
  }

  private static int utf8Length(String value) {
    int bytes = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
