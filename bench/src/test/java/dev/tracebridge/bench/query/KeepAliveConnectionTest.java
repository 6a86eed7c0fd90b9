package dev.tracebridge.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeepAliveConnectionTest {
  private static final int BODY_BYTES = 200_000;

  private HttpServer server;
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/fixed", exchange -> answer(exchange, 200, BODY_BYTES));
    // A length of 0 makes the server send chunks.
    server.createContext("/chunked", exchange -> answer(exchange, 200, 0));
    server.createContext("/missing", exchange -> answer(exchange, 404, 57));
    server.createContext("/closing", exchange -> {
      exchange.getResponseHeaders().set("Connection", "close");
      answer(exchange, 200, 10);
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void fixedLengthAnswer_readToItsEnd() throws IOException {
    try (KeepAliveConnection connection = new KeepAliveConnection(uri("/"))) {
      assertThat(connection.get(uri("/fixed?x=1"))).isEqualTo(new KeepAliveConnection.Answer(200, BODY_BYTES));
    }
  }

  @Test
  void chunkedAnswer_readToItsEnd() throws IOException {
    try (KeepAliveConnection connection = new KeepAliveConnection(uri("/"))) {
      assertThat(connection.get(uri("/chunked"))).isEqualTo(new KeepAliveConnection.Answer(200, BODY_BYTES));
    }
  }

  @Test
  void errorStatus_returnedWithItsBodyRead() throws IOException {
    try (KeepAliveConnection connection = new KeepAliveConnection(uri("/"))) {
      assertThat(connection.get(uri("/missing"))).isEqualTo(new KeepAliveConnection.Answer(404, 57));
      assertThat(connection.get(uri("/fixed")).status()).isEqualTo(200);
    }
  }

  @Test
  void manyRequests_shareOneConnection() throws IOException {
    try (KeepAliveConnection connection = new KeepAliveConnection(uri("/"))) {
      for (int i = 0; i < 50; i++) {
        assertThat(connection.get(uri(i % 2 == 0 ? "/fixed" : "/chunked")).bodyBytes()).isEqualTo(BODY_BYTES);
      }
    }
    assertThat(clientPorts).hasSize(1);
  }

  @Test
  void serverClosesAfterAnswer_nextRequestOnANewConnection() throws IOException {
    try (KeepAliveConnection connection = new KeepAliveConnection(uri("/"))) {
      assertThat(connection.get(uri("/closing"))).isEqualTo(new KeepAliveConnection.Answer(200, 10));
      assertThat(connection.get(uri("/fixed")).bodyBytes()).isEqualTo(BODY_BYTES);
    }
    assertThat(clientPorts).hasSize(2);
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  private void answer(HttpExchange exchange, int status, int length) throws IOException {
    clientPorts.add(exchange.getRemoteAddress().getPort());
    exchange.getRequestBody().readAllBytes();
    exchange.sendResponseHeaders(status, length);
    int bytes = length == 0 ? BODY_BYTES : length;
    try (OutputStream body = exchange.getResponseBody()) {
      byte[] block = new byte[1000];
      for (int written = 0; written < bytes; written += block.length) {
        body.write(block, 0, Math.min(block.length, bytes - written));
      }
    }
  }
}
