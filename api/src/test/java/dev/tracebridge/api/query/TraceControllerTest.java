package dev.tracebridge.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import dev.tracebridge.core.health.InMemoryVerdictStore;
import dev.tracebridge.core.search.InMemoryTraceSearch;
import dev.tracebridge.core.storage.FailingTraceStore;
import dev.tracebridge.core.storage.InMemoryTraceStore;
import dev.tracebridge.core.storage.TraceStore;
import dev.tracebridge.correlator.JoinedTraceReader;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The trace route waits for its reads on the request thread: what it throws must still become the
 * problem a client can act on (the HTTP-level answers are in {@link TraceApiTest}).
 */
class TraceControllerTest {
  private static final String SOME_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void storeTimesOut_answersRetryable503() {
    TraceController controller = controllerOver(
        new FailingTraceStore(new DriverTimeoutException("Query timed out after PT5S")));

    Throwable thrown = catchThrowable(() -> controller.trace(SOME_ID, null));
    ResponseEntity<ProblemDetail> answer = ProblemResponses.problem(thrown);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo(ProblemResponses.STORE_RETRY_AFTER_SECONDS);
    assertThat(answer.getBody().getDetail()).isEqualTo("the trace store did not answer; retry shortly");
  }

  @Test
  void unknownTrace_answers404NamingIt() {
    TraceController controller = controllerOver(new InMemoryTraceStore());

    Throwable thrown = catchThrowable(() -> controller.trace(SOME_ID, null));
    ResponseEntity<ProblemDetail> answer = ProblemResponses.problem(thrown);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(answer.getBody().getDetail()).contains(SOME_ID);
  }

  private static TraceController controllerOver(TraceStore store) {
    JoinedTraceReader reader = new JoinedTraceReader(store, new InMemoryVerdictStore(), Runnable::run);
    return new TraceController(reader, new InMemoryTraceSearch(new InMemoryTraceStore()), Clock.systemUTC());
  }
}
