package dev.tracebridge.api.jaeger;

import dev.tracebridge.api.query.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the Jaeger-compatible API in Jaeger's envelope ({@code errors[].msg}, what Jaeger clients
 * show), with the RFC 9457 problem fields beside it. The status and detail are those the engine's
 * problem handling decides, so both APIs agree on what an error is.
 */
@RestControllerAdvice(assignableTypes = JaegerController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class JaegerAdvice {

  @ExceptionHandler(Exception.class)
  ResponseEntity<JaegerJson.ErrorResponse> error(Exception e) {
    ResponseEntity<ProblemDetail> problem = ProblemResponses.problem(e);
    ProblemDetail body = problem.getBody();
    HttpStatusCode status = problem.getStatusCode();
    String title = body == null || body.getTitle() == null ? "Error" : body.getTitle();
    String detail = body == null || body.getDetail() == null ? title : body.getDetail();
    return ResponseEntity.status(status).headers(problem.getHeaders())
        .body(JaegerJson.ErrorResponse.of(status.value(), title, detail));
  }
}
