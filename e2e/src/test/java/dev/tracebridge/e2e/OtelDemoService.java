package dev.tracebridge.e2e;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * A tiny HTTP service for {@link OtelJavaAgentIT}, run in its own JVM under the OpenTelemetry Java agent:
 * {@code OtelDemoService <port> [downstream URL]}. It answers every request; with a downstream URL it
 * first calls it. Jetty 12 is the server because the agent instruments it (it has no instrumentation for
 * the JDK's own com.sun.net.httpserver); {@code java.net.http.HttpClient} is the client, which it does
 * instrument. Prints {@code listening <port>} once it accepts connections.
 */
public final class OtelDemoService {
  static final String LISTENING = "listening ";
  /** Bounds the downstream call so a stuck peer fails the request instead of the test's timeout. */
  private static final Duration DOWNSTREAM_TIMEOUT = Duration.ofSeconds(10);
  private static final int OK = 200;
  private static final int BAD_GATEWAY = 502;

  private OtelDemoService() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    URI downstream = args.length > 1 ? URI.create(args[1]) : null;
    Server server = new Server(new InetSocketAddress("127.0.0.1", port));
    server.setHandler(new Answer(downstream));
    server.start();
    System.out.println(LISTENING + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    server.join();
  }

  /** Blocking is fine here: Jetty runs a handler of the default invocation type on a pool thread. */
  private static final class Answer extends Handler.Abstract {
    private final @Nullable URI downstream;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(DOWNSTREAM_TIMEOUT).build();

    Answer(@Nullable URI downstream) {
      this.downstream = downstream;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      int status = OK;
      String body = "ok";
      if (downstream != null) {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(downstream)
            .timeout(DOWNSTREAM_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        status = answer.statusCode() == OK ? OK : BAD_GATEWAY;
        body = "downstream said: " + answer.body();
      }
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
      Content.Sink.write(response, true, body, callback);
      return true;
    }
  }
}
