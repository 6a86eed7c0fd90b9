package dev.tracebridge.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import dev.tracebridge.core.health.InMemoryVerdictStore;
import dev.tracebridge.core.search.InMemoryTraceSearch;
import dev.tracebridge.core.storage.FailingTraceStore;
import dev.tracebridge.core.storage.InMemoryTraceStore;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.storage.TestTelemetry;
import dev.tracebridge.core.storage.TraceStore;
import dev.tracebridge.core.storage.TraceWrite;
import dev.tracebridge.correlator.JoinedTraceReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
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

  @Test
  void smallTraceAfterALargeOne_answersOnlyItsOwnJson() throws Exception {
    // The second answer is encoded into the buffer the first one was written from.
    InMemoryTraceStore store = new InMemoryTraceStore();
    TraceId large = storedTrace(store, 200);
    TraceId small = storedTrace(store, 1);
    MockMvc mvc = routeOver(store);
    mvc.perform(get("/api/v1/traces/" + large.toHex())).andExpect(jsonPath("$.spans.length()").value(200));

    MvcResult answer = mvc.perform(get("/api/v1/traces/" + small.toHex()))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "application/json"))
        .andExpect(header().string("Cache-Control", "no-cache"))
        .andExpect(jsonPath("$.traceId").value(small.toHex()))
        .andExpect(jsonPath("$.spans.length()").value(1))
        .andReturn();

    byte[] body = answer.getResponse().getContentAsByteArray();
    assertThat(answer.getResponse().getContentLength()).isEqualTo(body.length);
    assertThat(answer.getResponse().getHeader("ETag")).isEqualTo(EntityTag.of(body, body.length).quoted());
  }

  private static TraceId storedTrace(InMemoryTraceStore store, int spans) throws Exception {
    TraceId id = TestTelemetry.randomTraceId();
    SpanId root = TestTelemetry.randomSpanId();
    List<Span> written = new ArrayList<>();
    written.add(TestTelemetry.fullSpan(id, root, null));
    for (int i = 1; i < spans; i++) {
      // Distinct names: children equal in everything but their ids would be shown once, as re-sent copies.
      written.add(TestTelemetry.fullSpan(id, TestTelemetry.randomSpanId(), root).toBuilder().name("step " + i).build());
    }
    store.write(TraceWrite.ofSpans(id.key(), written)).toCompletableFuture().get();
    return id;
  }

  private static MockMvc routeOver(TraceStore store) {
    JoinedTraceReader reader = new JoinedTraceReader(store, new InMemoryVerdictStore(), Runnable::run);
    TraceController controller =
        new TraceController(reader, new InMemoryTraceSearch(new InMemoryTraceStore()), Clock.systemUTC());
    return MockMvcBuilders.standaloneSetup(controller).setControllerAdvice(new ProblemAdvice()).build();
  }
}
