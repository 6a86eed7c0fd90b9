package dev.tracebridge.api.config;

import dev.tracebridge.api.ingest.GrpcQueueShedding;
import dev.tracebridge.core.ingest.TelemetrySink;
import dev.tracebridge.otlp.OtlpGrpcServer;
import dev.tracebridge.otlp.OtlpLimits;
import io.grpc.ServerInterceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the OTLP/gRPC server for as long as the application context lives. */
final class OtlpGrpcLifecycle implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OtlpGrpcLifecycle.class);
  /**
   * Call handling only decodes and hands off to async writes, so a few threads suffice; the queue is
   * bounded (invariant 4) and the store's in-flight limit is what really sheds load.
   */
  private static final int THREADS = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
  private static final int QUEUE = 2048;
  /**
   * Calls waiting past this many are refused with RESOURCE_EXHAUSTED before decoding. A call costs about a
   * millisecond or two of CPU to decode and hand off, so 256 waiting is well under a second on 2 cores: far
   * below an exporter's 10 s deadline, yet deep enough that a burst of a busy client's concurrent exports
   * (the load benchmark keeps 128 outstanding) is not refused. The queue's remaining room holds gRPC's own
   * callbacks (stream closes, cancellations), which must never be rejected.
   */
  private static final int SHED_AT_QUEUED = 256;
  /**
   * Calls admitted and not yet answered past which new ones are refused with RESOURCE_EXHAUSTED. Twice what
   * the load benchmark keeps outstanding, and well above what the store holds in flight (its 4 MiB budget is
   * ~40 exports of 200 spans), so a busy client is not refused while the store still takes its writes; a
   * flood is refused before its bodies are read and decoded (see GrpcQueueShedding).
   */
  private static final int SHED_AT_IN_PROGRESS = 256;
  private static final Duration SHED_RETRY_AFTER = Duration.ofSeconds(1);

  private final String host;
  private final int port;
  private final TelemetrySink sink;
  private final OtlpLimits limits;
  private final List<ServerInterceptor> interceptors;
  private final ThreadPoolExecutor executor;
  private final GrpcQueueShedding shedding;
  private @Nullable OtlpGrpcServer server;

  OtlpGrpcLifecycle(String host, int port, TelemetrySink sink, OtlpLimits limits,
      List<ServerInterceptor> interceptors) {
    this.host = host;
    this.port = port;
    this.sink = sink;
    this.limits = limits;
    AtomicInteger n = new AtomicInteger();
    // A full queue must not reject: gRPC runs its own stream callbacks on this executor too, and a
    // rejected one turns into INTERNAL/UNKNOWN at the client (seen under 10x overload). The caller (a
    // transport thread) runs the task instead, which also slows reading new calls: backpressure.
    this.executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(r, "otlp-grpc-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    List<ServerInterceptor> chain = new ArrayList<>(interceptors);
    this.shedding = new GrpcQueueShedding(executor.getQueue()::size, SHED_AT_QUEUED, SHED_AT_IN_PROGRESS,
        SHED_RETRY_AFTER);
    chain.add(shedding);
    this.interceptors = List.copyOf(chain);
  }

  void start() {
    try {
      server = OtlpGrpcServer.start(new InetSocketAddress(host, port), sink, limits, executor, interceptors);
      log.info("OTLP/gRPC listening on {}:{}", host, server.port());
    } catch (IOException e) {
      throw new UncheckedIOException("OTLP/gRPC could not bind " + host + ":" + port
          + " (is another collector running? set tracebridge.grpc.port)", e);
    }
  }

  /** Calls waiting for a thread: a gauge of the engine's metrics. */
  int queueDepth() {
    return executor.getQueue().size();
  }

  /** Calls admitted and not yet answered: a gauge of the engine's metrics. */
  int callsInProgress() {
    return shedding.inProgress();
  }

  int port() {
    return server == null ? port : server.port();
  }

  @Override
  public void close() {
    if (server != null) server.close();
    executor.shutdown();
  }
}
