package dev.tracebridge.api.query;

import dev.tracebridge.core.ingest.IngestRefusedException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as an RFC 9457 problem: client mistakes keep their 4xx from Spring's handler, a store
 * that cannot answer is a retryable 503, and nothing ever carries a stack trace.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler({IngestRefusedException.class, CompletionException.class})
  ResponseEntity<ProblemDetail> storeFailure(RuntimeException e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof org.springframework.web.server.ResponseStatusException status) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(status.getStatusCode(), status.getReason());
      return ResponseEntity.status(status.getStatusCode()).body(problem);
    }
    log.warn("query failed: {}", cause.toString());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        "the trace store did not answer; retry shortly");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(problem);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("unexpected error serving a query", e);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "internal error; the engine's log has the details");
    return ResponseEntity.internalServerError().body(problem);
  }
}
