package dev.tracebridge.api.query;

import dev.tracebridge.core.model.TraceId;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Trace ids as every read endpoint takes them from a path, and the answer when nothing is stored. */
public final class TraceIds {

  private TraceIds() {}

  /** Any textual form: 32 or 16 hex, unpadded hex, Datadog decimal; a malformed one is a 400. */
  public static TraceId parse(String text) {
    try {
      return TraceId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BadParameterException("traceId", e.getMessage()
          + "; expected 32 or 16 hex digits, or a decimal 64-bit id");
    }
  }

  public static ResponseStatusException notFound(TraceId id) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND,
        "no trace " + id + " has been stored (neither backend spans nor browser resources)");
  }
}
