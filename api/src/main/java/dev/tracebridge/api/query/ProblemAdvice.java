package dev.tracebridge.api.query;

import dev.tracebridge.core.ingest.IngestRefusedException;
import dev.tracebridge.core.search.SearchUnsupportedException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as an RFC 9457 problem: a client mistake is a 4xx saying what was wrong (a bad
 * parameter is named in the {@code parameter} property), a store that cannot answer now is a retryable
 * 503, a question the store cannot answer at all is a 501, and nothing ever carries a stack trace.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

  @ExceptionHandler({BadParameterException.class, SearchUnsupportedException.class,
      RejectedExecutionException.class, IngestRefusedException.class, CompletionException.class,
      ExecutionException.class})
  ResponseEntity<ProblemDetail> known(Exception e) {
    return ProblemResponses.problem(e);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    return ProblemResponses.problem(e);
  }

  /** Spring's own client errors (405, 404, 415...) get the type written out too. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
      HttpStatusCode statusCode, WebRequest request) {
    if (body instanceof ProblemDetail problem) ProblemResponses.withType(problem);
    return super.createResponseEntity(body, headers, statusCode, request);
  }
}
