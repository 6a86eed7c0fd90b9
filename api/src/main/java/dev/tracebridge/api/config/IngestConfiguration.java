package dev.tracebridge.api.config;

import dev.tracebridge.api.ingest.EmbeddedOtlpTraces;
import dev.tracebridge.api.ingest.IngestCors;
import dev.tracebridge.api.ingest.IngestServlet;
import dev.tracebridge.api.ingest.PortRouting;
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
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires the receivers to the correlator, and the ingest HTTP port into the servlet container. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {
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
      TracebridgeProperties props) {
    PropagationCheckSettings settings = PropagationCheckSettings.defaults()
        .withGrace(props.propagation().gracePeriod());
    return new PropagationCheckSchedule(new PropagationChecker(store, verdicts, settings),
        props.propagation().checkInterval());
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
  List<IngestEndpoint> ingestEndpoints(TelemetrySink sink, OtlpLimits limits, RumIntakeSettings rum) {
    return List.of(
        new OtlpHttpTraceEndpoint(sink, limits),
        OtlpUnsupportedSignalEndpoint.logs(),
        OtlpUnsupportedSignalEndpoint.metrics(),
        new NativeRumEndpoint(sink, rum),
        new DatadogRumEndpoint(sink, rum),
        new GuanceRumEndpoint(sink, rum),
        new FaroEndpoint(sink, rum, new EmbeddedOtlpTraces(new OtlpJsonTraceDecoder(limits), sink)));
  }

  @Bean
  IngestServlet ingestServlet(List<IngestEndpoint> ingestEndpoints, TracebridgeProperties props) {
    return new IngestServlet(ingestEndpoints, new IngestCors(props.ingest().allowedOrigins()),
        props.ingest().maxBodySize().toBytes());
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
  OtlpGrpcLifecycle otlpGrpc(TracebridgeProperties props, TelemetrySink sink, OtlpLimits limits) {
    return new OtlpGrpcLifecycle(props.bindAddress(), props.grpc().port(), sink, limits);
  }
}
