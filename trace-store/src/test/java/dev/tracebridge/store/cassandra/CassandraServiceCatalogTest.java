package dev.tracebridge.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.storage.TestTelemetry;
import dev.tracebridge.core.storage.TraceWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Jaeger's service and operation lists, read from services_by_day on a real node. */
class CassandraServiceCatalogTest {
  private static final long SECONDS_PER_DAY = 86_400;
  private final String suffix = UUID.randomUUID().toString();

  @Test
  void storedServices_areListedSorted_withTheirOperations() throws Exception {
    String checkout = "zz-checkout-" + suffix;
    String inventory = "aa-inventory-" + suffix;
    write(checkout, "POST /checkout", "GET /cart");
    write(inventory, "SELECT stock");
    write(checkout, "POST /checkout");

    List<String> services = SharedNode.store().services().toCompletableFuture().get();

    assertThat(services).contains(checkout, inventory).isSorted().doesNotHaveDuplicates();
    assertThat(SharedNode.store().operations(checkout).toCompletableFuture().get())
        .containsExactly("GET /cart", "POST /checkout");
    assertThat(SharedNode.store().operations(inventory).toCompletableFuture().get()).containsExactly("SELECT stock");
    assertThat(SharedNode.store().operations("absent-" + suffix).toCompletableFuture().get()).isEmpty();
  }

  @Test
  void serviceStoredAgainToday_isNotWrittenAgain_whileANewOperationIs() throws Exception {
    String service = "svc-" + suffix;
    write(service, "GET /known");
    int today = Math.toIntExact(Instant.now().getEpochSecond() / SECONDS_PER_DAY);
    // Removing the row behind the store's back shows whether the next write of it writes it again.
    try (CqlSession cql = rawSession()) {
      cql.execute(SimpleStatement.newInstance("DELETE FROM tracebridge.services_by_day WHERE day = ? AND service = ?",
          today, service));
    }

    write(service, "GET /known", "GET /new");

    assertThat(SharedNode.store().operations(service).toCompletableFuture().get()).containsExactly("GET /new");
  }

  private static void write(String service, String... operations) throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    Resource resource = Resource.of(Attributes.builder().put(Resource.SERVICE_NAME, service).build());
    long start = System.currentTimeMillis() * 1_000_000L;
    List<Span> spans = new ArrayList<>();
    for (String operation : operations) {
      spans.add(Span.builder().traceId(traceId).spanId(TestTelemetry.randomSpanId()).name(operation)
          .resource(resource).startEpochNanos(start).endEpochNanos(start + 1_000_000).build());
    }
    SharedNode.store().write(TraceWrite.ofSpans(traceId.key(), spans)).toCompletableFuture().get();
  }

  private static CqlSession rawSession() {
    return CqlSession.builder().addContactPoint(SharedNode.node().contactPoint())
        .withLocalDatacenter(SharedNode.node().localDatacenter()).build();
  }
}
