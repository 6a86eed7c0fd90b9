package dev.tracebridge.api.query;

import dev.tracebridge.core.ingest.IngestRefusedException;
import dev.tracebridge.core.search.SearchUnsupportedException;
import java.net.URI;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;

/**
 * Decides what every failure of a read request answers, for the problem-details API and the
 * Jaeger-compatible one alike: a bad parameter is a 400 naming it, a store that cannot answer now a
 * retryable 503, a question the store cannot answer at all a 501, anything unforeseen a 500 whose
 * details stay in the log.
 */
public final class ProblemResponses {
  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
  /** A store that did not answer is usually back within seconds (a node restart, a driver reconnect). */
  static final String STORE_RETRY_AFTER_SECONDS = "5";
  /** A full query queue drains in about a second. */
  static final String BUSY_RETRY_AFTER_SECONDS = "1";

  private ProblemResponses() {}

  /** RFC 9457's default type, written out: Spring 7 leaves it out when no type was set. */
  static final URI BLANK_TYPE = URI.create("about:blank");

  /** The problem for any failure, unwrapping what asynchronous stages wrap around it. */
  public static ResponseEntity<ProblemDetail> problem(Throwable failure) {
    ResponseEntity<ProblemDetail> response = decide(failure);
    withType(response.getBody());
    return response;
  }

  /** Gives a problem without a type the default one, so every body names its type. */
  static void withType(@Nullable ProblemDetail problem) {
    if (problem != null && problem.getType() == null) problem.setType(BLANK_TYPE);
  }

  private static ResponseEntity<ProblemDetail> decide(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof BadParameterException bad) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, bad.getMessage());
      problem.setProperty("parameter", bad.parameter());
      return ResponseEntity.badRequest().body(problem);
    }
    if (cause instanceof ErrorResponse response) {
      return ResponseEntity.status(response.getStatusCode()).body(response.getBody());
    }
    if (cause instanceof SearchUnsupportedException unsupported) {
      return ResponseEntity.status(HttpStatus.NOT_IMPLEMENTED)
          .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_IMPLEMENTED, unsupported.getMessage()));
    }
    if (cause instanceof RejectedExecutionException) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", BUSY_RETRY_AFTER_SECONDS)
          .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
              "the engine is answering as many queries as it can; retry shortly"));
    }
    if (cause instanceof IngestRefusedException || isStoreFailure(cause)) {
      log.warn("query failed: {}", cause.toString());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", STORE_RETRY_AFTER_SECONDS)
          .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
              "the trace store did not answer; retry shortly"));
    }
    log.error("unexpected error serving a query", cause);
    return ResponseEntity.internalServerError().body(ProblemDetail.forStatusAndDetail(
        HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the engine's log has the details"));
  }

  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** The Cassandra driver's failures, recognised by package so this advice needs no driver import. */
  private static boolean isStoreFailure(Throwable cause) {
    return cause.getClass().getName().startsWith("com.datastax.oss.driver.");
  }
}
