package dev.tracebridge.otlp;

import org.jspecify.annotations.Nullable;

/** The two OTLP/HTTP payload encodings; a response always uses the one its request used (OTLP spec). */
enum OtlpEncoding {
  PROTOBUF("application/x-protobuf"),
  JSON("application/json");

  private final String mediaType;

  OtlpEncoding(String mediaType) {
    this.mediaType = mediaType;
  }

  String mediaType() {
    return mediaType;
  }

  /** The encoding a request's media type (lower case, no parameters) names, or null for anything else. */
  static @Nullable OtlpEncoding forMediaType(String mediaType) {
    return switch (mediaType) {
      case "application/x-protobuf" -> PROTOBUF;
      case "application/json" -> JSON;
      default -> null;
    };
  }
}
