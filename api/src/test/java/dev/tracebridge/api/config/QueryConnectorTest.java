package dev.tracebridge.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.api.MemoryEngineTest;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

class QueryConnectorTest extends MemoryEngineTest {
  @Autowired
  WebServerApplicationContext context;

  @Test
  void queryPort_writesAnswersIn64KbBuffersAndHoldsAtMost1024Connections() {
    Connector query = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

    assertThat(query.getPort()).isEqualTo(PORTS.api());
    assertThat(String.valueOf(query.getProperty("socket.appWriteBufSize"))).isEqualTo("65536");
    assertThat(String.valueOf(query.getProperty("maxConnections"))).isEqualTo("1024");
  }

  @Test
  void ingestPort_keepsTomcatsDefaultAnswerBuffer() {
    TomcatWebServer server = (TomcatWebServer) context.getWebServer();
    Connector ingest = null;
    for (Connector connector : server.getTomcat().getService().findConnectors()) {
      if (connector.getPort() == PORTS.ingest()) ingest = connector;
    }

    assertThat(ingest).isNotNull();
    assertThat(String.valueOf(ingest.getProperty("socket.appWriteBufSize"))).isEqualTo("8192");
  }
}
