package dev.tracebridge.core.model;

import static java.util.Objects.requireNonNull;

/** The entity that produced spans (OTLP Resource), with the schema URL its ResourceSpans carried. */
public record Resource(Attributes attributes, int droppedAttributesCount, String schemaUrl) {
  public static final String SERVICE_NAME = "service.name";
  /** The OTel spec's name for a service that did not set one. */
  public static final String UNKNOWN_SERVICE = "unknown_service";
  public static final Resource EMPTY = new Resource(Attributes.empty(), 0, "");

  public Resource {
    requireNonNull(attributes, "attributes");
    requireNonNull(schemaUrl, "schemaUrl");
  }

  public static Resource of(Attributes attributes) {
    return new Resource(attributes, 0, "");
  }

  public String serviceName() {
    String name = attributes.getText(SERVICE_NAME);
    return name == null || name.isEmpty() ? UNKNOWN_SERVICE : name;
  }
}
