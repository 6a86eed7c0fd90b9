package dev.tracebridge.otlp;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.ingest.SpanBudget;
import dev.tracebridge.core.ingest.TelemetrySink;
import io.grpc.Context;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The OTLP/gRPC receiver ({@code TraceService/Export}, default port 4317). gzip request compression works
 * out of the box (gRPC's default decompressor registry has it). The largest message, compressed or
 * inflated, is {@link OtlpLimits#maxDecompressedBytes()}: gRPC checks both against one limit, and the
 * inflated size is what costs memory. Over the limit gRPC answers RESOURCE_EXHAUSTED without RetryInfo,
 * which OTLP clients must not retry. The logs and metrics services are not registered, so gRPC answers
 * them UNIMPLEMENTED (see {@link OtlpUnsupportedSignalEndpoint}).
 */
public final class OtlpGrpcServer implements AutoCloseable {
  /**
   * The caller's {@link SpanBudget}: an interceptor that knows who is calling attaches it to the call's
   * context ({@code Contexts.interceptCall}), and the export charges its decoded spans to it before storing
   * any. A call without one is not limited.
   */
  public static final Context.Key<SpanBudget> SPAN_BUDGET =
      Context.keyWithDefault("tracebridge-span-budget", SpanBudget.UNLIMITED);
  /** How long close() lets in-flight exports finish (their sink writes included) before cutting them. */
  private static final long GRACEFUL_SHUTDOWN_SECONDS = 10;
  /** After cutting the remaining calls, how long to wait for their transports to close. */
  private static final long CANCELLED_CALLS_SECONDS = 1;
  /**
   * How long before the client's deadline an unanswered call is answered UNAVAILABLE (see
   * {@link DeadlineGuard}): enough for the answer to reach a client on a busy machine before it gives up.
   */
  static final Duration DEADLINE_MARGIN = Duration.ofMillis(500);
  /** The retry delay told to a client whose deadline the engine could not meet. */
  static final Duration LATE_RETRY_AFTER = Duration.ofSeconds(1);

  private final Server server;
  private final ScheduledExecutorService deadlineTimer;

  private OtlpGrpcServer(Server server, ScheduledExecutorService deadlineTimer) {
    this.server = server;
    this.deadlineTimer = deadlineTimer;
  }

  /**
   * Binds and starts serving. Calls run on {@code executor} (decode and hand-off to the sink), so the
   * caller sizes the work this receiver can do at once. Fails with IOException when the port is taken.
   */
  public static OtlpGrpcServer start(InetSocketAddress address, TelemetrySink sink, OtlpLimits limits,
      Executor executor) throws IOException {
    return start(address, sink, limits, executor, List.of());
  }

  /**
   * As {@link #start(InetSocketAddress, TelemetrySink, OtlpLimits, Executor)}, with interceptors around
   * the export call: the engine checks ingest keys and per-client rates there, from the call's metadata,
   * before any byte is decoded, and attaches the caller's {@link #SPAN_BUDGET}. The first interceptor of the
   * list runs first, after the receiver's own {@link DeadlineGuard}.
   */
  public static OtlpGrpcServer start(InetSocketAddress address, TelemetrySink sink, OtlpLimits limits,
      Executor executor, List<? extends ServerInterceptor> interceptors) throws IOException {
    requireNonNull(address, "address");
    requireNonNull(sink, "sink");
    requireNonNull(limits, "limits");
    requireNonNull(executor, "executor");
    ScheduledThreadPoolExecutor deadlineTimer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "otlp-grpc-deadlines");
      t.setDaemon(true);
      return t;
    });
    // Most calls are answered long before their deadline: their timers leave the queue at once.
    deadlineTimer.setRemoveOnCancelPolicy(true);
    List<ServerInterceptor> chain = new ArrayList<>();
    chain.add(new DeadlineGuard(deadlineTimer, DEADLINE_MARGIN, LATE_RETRY_AFTER));
    chain.addAll(requireNonNull(interceptors, "interceptors"));
    Server server = NettyServerBuilder.forAddress(address)
        .executor(executor)
        .maxInboundMessageSize(limits.maxDecompressedBytes())
        .addService(ServerInterceptors.interceptForward(TraceExportService.definition(sink, limits), chain))
        .build();
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      deadlineTimer.shutdownNow();
      throw e;
    }
    return new OtlpGrpcServer(server, deadlineTimer);
  }

  /** The bound port; differs from the requested one when that was 0. */
  public int port() {
    return server.getPort();
  }

  /** Stops accepting calls, lets in-flight ones finish for up to 10 s, then cancels the rest. */
  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(GRACEFUL_SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
        server.shutdownNow();
        // Cancelled calls end at once; waiting briefly lets the port be free when close() returns.
        server.awaitTermination(CANCELLED_CALLS_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      deadlineTimer.shutdownNow();
    }
  }
}
