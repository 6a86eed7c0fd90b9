package dev.tracebridge.core.rum;

/**
 * Where a propagated trace context came from. Verdicts are aggregated per format, so the names are the
 * ones users see in reports ({@link #wireName()}).
 */
public enum HeaderFormat {
  /** {@code traceparent} / {@code tracestate}. */
  W3C("w3c"),
  /** {@code b3: trace-span-sampled[-parent]}. */
  B3_SINGLE("b3"),
  /** {@code X-B3-TraceId}, {@code X-B3-SpanId}, {@code X-B3-Sampled}. */
  B3_MULTI("b3multi"),
  /** {@code uber-trace-id}. */
  JAEGER("jaeger"),
  /** {@code x-datadog-trace-id} / {@code x-datadog-parent-id}, decimal. */
  DATADOG("datadog"),
  /** Guance's {@code x-gc-trace-id} / {@code x-gc-span-id}. */
  GUANCE("guance"),
  /** SkyWalking v3 {@code sw8}. */
  SKYWALKING("sw8"),
  /** {@code sentry-trace}. */
  SENTRY("sentry"),
  /** {@code elastic-apm-traceparent}. */
  ELASTIC("elastic"),
  /** Ids an SDK reported in the event body without naming the header (Datadog {@code _dd.trace_id}). */
  SDK_REPORTED("sdk"),
  /** Ids the server sent back ({@code traceresponse}, {@code Server-Timing}, a document's meta tag). */
  RESPONSE("response");

  private final String wireName;

  HeaderFormat(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static HeaderFormat fromWireName(String name) {
    for (HeaderFormat f : values()) {
      if (f.wireName.equals(name)) return f;
    }
    throw new IllegalArgumentException("header format: '" + name + "' (expected one of "
        + java.util.Arrays.stream(values()).map(HeaderFormat::wireName).toList() + ")");
  }
}
