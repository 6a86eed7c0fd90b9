package dev.tracebridge.api.config;

import dev.tracebridge.api.ingest.AppBoundSink;
import dev.tracebridge.api.ingest.ClientRateLimiter;
import dev.tracebridge.api.ingest.ClientSpanLimiter;
import dev.tracebridge.api.ingest.EmbeddedOtlpTraces;
import dev.tracebridge.api.ingest.GrpcIngestGate;
import dev.tracebridge.api.ingest.IngestGate;
import dev.tracebridge.api.ingest.IngestKeys;
import dev.tracebridge.api.ingest.IngestCors;
import dev.tracebridge.api.ingest.IngestServlet;
import dev.tracebridge.api.ingest.PortRouting;
import dev.tracebridge.api.selfmetrics.EngineMetrics;
import dev.tracebridge.api.selfmetrics.MeteredSink;
import dev.tracebridge.core.ingest.IngestEndpoint;
import dev.tracebridge.core.ingest.TelemetrySink;
import dev.tracebridge.core.storage.TraceStore;
import dev.tracebridge.correlator.CorrelatingSink;
import dev.tracebridge.correlator.JoinedTraceReader;
import dev.tracebridge.otlp.OtlpHttpTraceEndpoint;
import dev.tracebridge.otlp.OtlpJsonTraceDecoder;
import dev.tracebridge.otlp.OtlpLimits;
import dev.tracebridge.otlp.OtlpUnsupportedSignalEndpoint;
import dev.tracebridge.rum.DatadogRumEndpoint;
import dev.tracebridge.rum.FaroEndpoint;
import dev.tracebridge.rum.GuanceRumEndpoint;
import dev.tracebridge.rum.NativeRumEndpoint;
import dev.tracebridge.rum.RumIntakeSettings;
import dev.tracebridge.core.health.VerdictStore;
import dev.tracebridge.correlator.health.PropagationCheckSettings;
import dev.tracebridge.correlator.health.PropagationChecker;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires the receivers to the correlator, and the ingest HTTP port into the servlet container. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {
  private static final Logger log = LoggerFactory.getLogger(IngestConfiguration.class);
  /** Join continuations are short (decode and join one partition); two per core keeps reads moving. */
  private static final int JOIN_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
  private static final int JOIN_QUEUE = 1024;

  @Bean
  CorrelatingSink telemetrySink(TraceStore store, VerdictStore verdicts) {
    return new CorrelatingSink(store, verdicts, Clock.systemUTC());
  }

  /**
   * Joining reads the trace partition and its verdicts and clock samples; the few continuations run on
   * a small pool of their own, never the common pool (one thread per task on 2 cores).
   */
  @Bean(destroyMethod = "shutdown")
  ExecutorService joinExecutor() {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(JOIN_THREADS, JOIN_THREADS, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(JOIN_QUEUE), r -> {
          Thread t = new Thread(r, "join-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
  }

  @Bean
  JoinedTraceReader joinedTraceReader(TraceStore store, VerdictStore verdicts, ExecutorService joinExecutor) {
    return new JoinedTraceReader(store, verdicts, joinExecutor);
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  PropagationCheckSchedule propagationCheckSchedule(TraceStore store, VerdictStore verdicts,
      TracebridgeProperties props, EngineMetrics metrics) {
    PropagationCheckSettings settings = PropagationCheckSettings.defaults()
        .withGrace(props.propagation().gracePeriod())
        .withSpread(PropagationCheckSettings.ENGINE_SPREAD);
    return new PropagationCheckSchedule(new PropagationChecker(store, verdicts, settings),
        props.propagation().checkInterval(), metrics);
  }

  /** The engine's own metrics, served with the rollups on /metrics. */
  @Bean
  EngineMetrics engineMetrics() {
    return new EngineMetrics();
  }

  @Bean
  IngestGate ingestGate(TracebridgeProperties props) {
    return new IngestGate(IngestKeys.of(props.ingest().keys()),
        new ClientRateLimiter(props.ingest().perClientRequestsPerSecond(), System::nanoTime),
        new ClientSpanLimiter(props.ingest().perClientSpansPerSecond(), System::nanoTime));
  }

  @Bean
  OtlpLimits otlpLimits(TracebridgeProperties props) {
    return OtlpLimits.defaults();
  }

  @Bean
  RumIntakeSettings rumIntakeSettings(TracebridgeProperties props) {
    TracebridgeProperties.Rum rum = props.rum();
    return new RumIntakeSettings(java.util.Set.copyOf(rum.allowedApps()), rum.perAppEventsPerSecond(),
        rum.maxEventsPerBatch(), Math.toIntExact(rum.maxDecompressedSize().toBytes()));
  }

  @Bean
  IngestServlet ingestServlet(TelemetrySink sink, OtlpLimits limits, RumIntakeSettings rum,
      TracebridgeProperties props, IngestGate gate, EngineMetrics metrics,
      @Qualifier("joinExecutor") ExecutorService joinExecutor) {
    Map<String, List<IngestEndpoint>> bound = new HashMap<>();
    for (String app : gate.keys().apps()) {
      if (!rum.allowedApps().isEmpty() && !rum.allowedApps().contains(app)) {
        throw new IllegalArgumentException("tracebridge.ingest.keys." + app + ": app '" + app
            + "' is not in tracebridge.rum.allowed-apps " + rum.allowedApps() + " (expected: one of them)");
      }
      // The existing allow-list check of the RUM intakes, narrowed to the key's app: events claiming
      // another app are refused with 403, or rejected one by one in a mixed batch.
      RumIntakeSettings onlyThisApp = new RumIntakeSettings(Set.of(app), rum.perAppEventsPerSecond(),
          rum.maxEventsPerBatch(), rum.maxDecompressedBytes());
      bound.put(app, endpoints(path -> new AppBoundSink(metered(sink, metrics, path), app), limits, onlyThisApp));
    }
    if (gate.keys().required()) {
      log.info("Ingest keys required on the ingest port and OTLP/gRPC ({} apps)", bound.size());
    }
    metrics.gauge("tracebridge_join_queue_depth", "Join continuations waiting for a thread.",
        () -> joinExecutor instanceof ThreadPoolExecutor pool ? pool.getQueue().size() : 0);
    return new IngestServlet(endpoints(path -> metered(sink, metrics, path), limits, rum), bound,
        new IngestCors(props.ingest().allowedOrigins()), props.ingest().maxBodySize().toBytes(), gate,
        Set.of(OtlpHttpTraceEndpoint.PATH), metrics);
  }

  /** Every ingest endpoint of the HTTP port, each writing through the sink {@code sinkFor} gives its path. */
  private static List<IngestEndpoint> endpoints(Function<String, TelemetrySink> sinkFor, OtlpLimits limits,
      RumIntakeSettings rum) {
    TelemetrySink faro = sinkFor.apply(FaroEndpoint.PATH);
    return List.of(
        new OtlpHttpTraceEndpoint(sinkFor.apply(OtlpHttpTraceEndpoint.PATH), limits),
        OtlpUnsupportedSignalEndpoint.logs(),
        OtlpUnsupportedSignalEndpoint.metrics(),
        new NativeRumEndpoint(sinkFor.apply(NativeRumEndpoint.PATH), rum),
        new DatadogRumEndpoint(sinkFor.apply(DatadogRumEndpoint.PATH), rum),
        new GuanceRumEndpoint(sinkFor.apply(GuanceRumEndpoint.PATH), rum),
        new FaroEndpoint(faro, rum, new EmbeddedOtlpTraces(new OtlpJsonTraceDecoder(limits), faro)));
  }

  private static TelemetrySink metered(TelemetrySink sink, EngineMetrics metrics, String path) {
    return new MeteredSink(sink, metrics, path, "http");
  }

  @Bean
  FilterRegistrationBean<PortRouting> portRouting(IngestServlet ingest, TracebridgeProperties props) {
    var registration = new FilterRegistrationBean<>(new PortRouting(props.ingest().port(), ingest));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.setAsyncSupported(true);
    return registration;
  }

  /** The ingest port is a second connector of the same container, bound like the API port. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> ingestConnector(TracebridgeProperties props) {
    return factory -> {
      Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
      connector.setPort(props.ingest().port());
      connector.setProperty("address", props.bindAddress());
      connector.setMaxPostSize(-1);
      factory.addAdditionalConnectors(connector);
    };
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  OtlpGrpcLifecycle otlpGrpc(TracebridgeProperties props, TelemetrySink sink, OtlpLimits limits, IngestGate gate,
      EngineMetrics metrics) {
    OtlpGrpcLifecycle grpc = new OtlpGrpcLifecycle(props.bindAddress(), props.grpc().port(),
        new MeteredSink(sink, metrics, GrpcIngestGate.ENDPOINT, GrpcIngestGate.PROTOCOL), limits,
        List.of(new GrpcIngestGate(gate, metrics)));
    metrics.gauge("tracebridge_grpc_queue_depth", "OTLP/gRPC calls waiting for a thread.", grpc::queueDepth);
    metrics.gauge("tracebridge_grpc_calls_in_progress", "OTLP/gRPC calls admitted and not yet answered.",
        grpc::callsInProgress);
    return grpc;
  }
}
