package dev.tracebridge.api.query;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.correlator.JoinedTraceReader;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Joined traces by id. Any textual id form is accepted: 32 or 16 hex, unpadded hex, Datadog decimal. */
@RestController
@RequestMapping("/api/v1/traces")
class TraceController {
  private final JoinedTraceReader query;

  TraceController(JoinedTraceReader query) {
    this.query = requireNonNull(query, "query");
  }

  @GetMapping("/{traceId}")
  CompletableFuture<TraceJson> trace(@PathVariable String traceId) {
    TraceId id = parse(traceId);
    return query.trace(id).toCompletableFuture().thenApply(found -> found.map(TraceJson::of)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
            "no trace " + id + " has been stored (neither backend spans nor browser resources)")));
  }

  static TraceId parse(String text) {
    try {
      return TraceId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage()
          + "; expected 32 or 16 hex digits, or a decimal 64-bit id");
    }
  }
}
