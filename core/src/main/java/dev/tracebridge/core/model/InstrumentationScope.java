package dev.tracebridge.core.model;

import static java.util.Objects.requireNonNull;

/** The instrumentation library that recorded spans, with the schema URL its ScopeSpans carried. */
public record InstrumentationScope(
    String name, String version, Attributes attributes, int droppedAttributesCount, String schemaUrl) {
  public static final InstrumentationScope EMPTY =
      new InstrumentationScope("", "", Attributes.empty(), 0, "");

  public InstrumentationScope {
    requireNonNull(name, "name");
    requireNonNull(version, "version");
    requireNonNull(attributes, "attributes");
    requireNonNull(schemaUrl, "schemaUrl");
  }
}
