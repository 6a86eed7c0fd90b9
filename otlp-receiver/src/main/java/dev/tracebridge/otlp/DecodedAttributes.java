package dev.tracebridge.otlp;

import dev.tracebridge.core.model.Attributes;

/** Attributes as decoded, and how many the receiver had to drop (added to the owner's dropped count). */
record DecodedAttributes(Attributes attributes, int dropped) {
  static final DecodedAttributes NONE = new DecodedAttributes(Attributes.empty(), 0);
}
