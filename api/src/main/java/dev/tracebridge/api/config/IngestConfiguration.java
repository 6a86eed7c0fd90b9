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
import java.util.List;
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

  @Bean
  CorrelatingSink telemetrySink(TraceStore store) {
    return new CorrelatingSink(store);
  }

  @Bean
  JoinedTraceReader joinedTraceReader(TraceStore store) {
    return new JoinedTraceReader(store);
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
