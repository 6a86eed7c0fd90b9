package dev.tracebridge.core.model;

import static java.util.Objects.requireNonNull;

/** OTLP span status: a code and the message the instrumentation gave with it (empty when none). */
public record SpanStatus(Code code, String message) {
  public static final SpanStatus UNSET = new SpanStatus(Code.UNSET, "");

  public SpanStatus {
    requireNonNull(code, "code");
    requireNonNull(message, "message");
  }

  public static SpanStatus of(Code code, String message) {
    return code == Code.UNSET && message.isEmpty() ? UNSET : new SpanStatus(code, message);
  }

  public boolean isError() {
    return code == Code.ERROR;
  }

  public enum Code {
    UNSET,
    OK,
    ERROR;

    public static Code fromOtlp(int number) {
      return switch (number) {
        case 1 -> OK;
        case 2 -> ERROR;
        default -> UNSET;
      };
    }
  }
}
