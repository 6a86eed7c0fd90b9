package dev.tracebridge.api.config;

import dev.tracebridge.api.auth.ApiAccessProperties;
import dev.tracebridge.api.auth.BearerTokenFilter;
import dev.tracebridge.api.metrics.RollupJob;
import dev.tracebridge.api.search.CassandraMinuteTraces;
import dev.tracebridge.api.search.MinuteTraces;
import dev.tracebridge.api.search.SearchMinuteTraces;
import dev.tracebridge.core.search.InMemoryMetricRollups;
import dev.tracebridge.core.search.InMemoryTraceSearch;
import dev.tracebridge.core.search.MetricRollups;
import dev.tracebridge.core.search.TraceSearch;
import dev.tracebridge.core.storage.InMemoryTraceStore;
import dev.tracebridge.core.storage.TraceStore;
import dev.tracebridge.correlator.JoinedTraceReader;
import dev.tracebridge.store.cassandra.CassandraMetricRollups;
import dev.tracebridge.store.cassandra.CassandraTraceStore;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;

/** Wires the read side: search over the chosen store, rollups, the query executor and API access. */
@Configuration(proxyBeanMethods = false)
class QueryConfiguration {
  private static final Logger log = LoggerFactory.getLogger(QueryConfiguration.class);
  /** Analysis is CPU work; more threads than cores only queue it in the scheduler instead. */
  private static final int QUERY_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
  /** Past this many queued analyses the API answers 503 with Retry-After instead of growing the heap. */
  private static final int QUERY_QUEUE = 256;
  /** Right after the port routing, before anything reads a query. */
  private static final int ACCESS_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
  /**
   * Tomcat copies an answer into a buffer of this size per connection and writes the socket one buffer at a
   * time. At its default of 8 KB a 200-span trace (~145 KB) went out in 18 writes through the kernel, whose
   * share of the engine's CPU on the trace route was 27 %; at 64 KB it takes three, and the engine spent
   * ~7 % less CPU per request (docs/benchmarks.md, "Query latency", session 9). Each open connection of the
   * query port holds one, which is why application.properties caps the port's connections.
   */
  static final int ANSWER_WRITE_BYTES = 64 * 1024;

  /** The query port's connector only: the ingest port's answers are small. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> answerWrites() {
    return factory -> factory.addConnectorCustomizers(
        connector -> connector.setProperty("socket.appWriteBufSize", Integer.toString(ANSWER_WRITE_BYTES)));
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * The Cassandra store is its own search (over its index tables; it refuses a time range alone). Then
   * the traceStore bean is a TraceSearch too, so this one is primary to keep injection unambiguous, and
   * has no destroy method: the traceStore bean closes the store, once.
   */
  @Bean(destroyMethod = "")
  @Primary
  TraceSearch traceSearch(TraceStore store) {
    if (store instanceof InMemoryTraceStore memory) return new InMemoryTraceSearch(memory);
    if (store instanceof CassandraTraceStore cassandra) return cassandra;
    throw new IllegalStateException("no search for a " + store.getClass().getName());
  }

  /** Rollups live where the traces do: in Cassandra, durable and shared by every engine node. */
  @Bean
  MetricRollups metricRollups(TraceStore store) {
    if (store instanceof CassandraTraceStore cassandra) return CassandraMetricRollups.of(cassandra);
    return new InMemoryMetricRollups();
  }

  /** How the rollup pass finds a minute's traces: Cassandra's minute index, or a search of the minute. */
  @Bean
  MinuteTraces minuteTraces(TraceStore store, TraceSearch search) {
    if (store instanceof CassandraTraceStore cassandra) return new CassandraMinuteTraces(cassandra);
    return new SearchMinuteTraces(search);
  }

  /**
   * Where read-side work continues after the store answered: the Cassandra driver completes stages on
   * its I/O threads, which must not run analyses. Bounded, and refusing (answered 503) when full.
   */
  @Bean(destroyMethod = "shutdown")
  @Qualifier("queryExecutor")
  ExecutorService queryExecutor() {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(QUERY_THREADS, QUERY_THREADS, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUERY_QUEUE), r -> {
          Thread t = new Thread(r, "query-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
  }

  @Bean
  RollupJob rollupJob(MinuteTraces traces, JoinedTraceReader reader, MetricRollups rollups, Clock clock) {
    return new RollupJob(traces, reader, rollups, clock);
  }

  @Bean
  FilterRegistrationBean<BearerTokenFilter> apiAccess(ApiAccessProperties access) {
    var registration = new FilterRegistrationBean<>(new BearerTokenFilter(access.token()));
    registration.setOrder(ACCESS_FILTER_ORDER);
    registration.setAsyncSupported(true);
    if (!access.token().isEmpty()) log.info("The query API requires a bearer token (tracebridge.api.token)");
    return registration;
  }
}
