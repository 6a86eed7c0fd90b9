package dev.tracebridge.api.query;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import dev.tracebridge.core.health.InMemoryVerdictStore;
import dev.tracebridge.core.search.InMemoryTraceSearch;
import dev.tracebridge.core.storage.FailingTraceStore;
import dev.tracebridge.core.storage.InMemoryTraceStore;
import dev.tracebridge.core.storage.TraceStore;
import dev.tracebridge.correlator.JoinedTraceReader;
import java.time.Clock;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The trace route waits for its reads on the request thread: what it throws must still reach the client
 * as the problem it can act on, through the same advice the engine uses (the answers with data are in
 * {@link TraceApiTest}).
 */
class TraceControllerTest {
  private static final String SOME_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void storeTimesOut_answersRetryable503() throws Exception {
    MockMvc mvc = routeOver(new FailingTraceStore(new DriverTimeoutException("Query timed out after PT5S")));

    mvc.perform(get("/api/v1/traces/" + SOME_ID))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", ProblemResponses.STORE_RETRY_AFTER_SECONDS))
        .andExpect(jsonPath("$.detail").value("the trace store did not answer; retry shortly"));
  }

  @Test
  void unknownTrace_answers404NamingIt() throws Exception {
    MockMvc mvc = routeOver(new InMemoryTraceStore());

    mvc.perform(get("/api/v1/traces/" + SOME_ID))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value(Matchers.containsString(SOME_ID)));
  }

  private static MockMvc routeOver(TraceStore store) {
    JoinedTraceReader reader = new JoinedTraceReader(store, new InMemoryVerdictStore(), Runnable::run);
    TraceController controller =
        new TraceController(reader, new InMemoryTraceSearch(new InMemoryTraceStore()), Clock.systemUTC());
    return MockMvcBuilders.standaloneSetup(controller).setControllerAdvice(new ProblemAdvice()).build();
  }
}
