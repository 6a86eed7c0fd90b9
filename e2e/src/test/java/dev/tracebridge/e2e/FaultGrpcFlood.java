package dev.tracebridge.e2e;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * OTLP/gRPC exports at a fixed rate whatever the engine answers (open loop), as many independent
 * services would send them: the way to offer an engine more than it can take. Exports are encoded once by
 * the OpenTelemetry SDK's own marshaler and re-sent as bytes, so the test JVM spends its CPU on sending,
 * not encoding. Every answer goes to the {@link FaultLedger} as {@code grpc <status>}.
 */
final class FaultGrpcFlood implements AutoCloseable {
  /** Traces per export: 20 traces of 10 spans, the 200-span exports of the load benchmark. */
  static final int TRACES_PER_EXPORT = 20;
  static final int SPANS_PER_EXPORT = TRACES_PER_EXPORT * FaultTelemetry.SPANS_PER_TRACE;
  /** Distinct exports cycled through; re-sent spans are idempotent rows, which is all overload needs. */
  private static final int DISTINCT_EXPORTS = 16;
  private static final Duration DEADLINE = FaultLoad.EXPORT_TIMEOUT;
  private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };
  private static final MethodDescriptor<byte[], byte[]> EXPORT = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
      .setRequestMarshaller(RAW).setResponseMarshaller(RAW).build();

  private final ManagedChannel channel;
  private final FaultLedger ledger;
  private final List<byte[]> exports = new ArrayList<>();
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();

  FaultGrpcFlood(FaultEngine engine, FaultLedger ledger) {
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", engine.grpcPort).usePlaintext().build();
    this.ledger = ledger;
    for (int i = 0; i < DISTINCT_EXPORTS; i++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        TraceRequestMarshaler.create(FaultTelemetry.traces(TRACES_PER_EXPORT).spans()).writeBinaryTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      exports.add(out.toByteArray());
    }
  }

  /** Keeps {@code concurrency} exports outstanding for {@code duration}: as fast as the engine answers. */
  double closedLoopSpansPerSecond(int concurrency, Duration duration) throws InterruptedException {
    long ackedBefore = acked.get();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long i = 0;
    while (System.nanoTime() < end) {
      if (outstanding.get() < concurrency) {
        send(exports.get((int) (i++ % DISTINCT_EXPORTS)));
      } else {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
    }
    awaitAnswers();
    return (acked.get() - ackedBefore) * SPANS_PER_EXPORT / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * Sends at {@code spansPerSecond} for {@code duration} whatever the answers, with at most
   * {@code maxOutstanding} exports unanswered (beyond that a send is skipped and counted in {@link #skipped()},
   * so the client's own memory stays bounded). Answers the spans/s offered.
   */
  double openLoop(double spansPerSecond, Duration duration, int maxOutstanding) throws InterruptedException {
    long interval = (long) (TimeUnit.SECONDS.toNanos(1) * SPANS_PER_EXPORT / spansPerSecond);
    long count = duration.toNanos() / interval;
    long sentBefore = sent.get();
    long start = System.nanoTime();
    for (long i = 0; i < count; i++) {
      long wait = start + i * interval - System.nanoTime();
      if (wait > 0) LockSupport.parkNanos(wait);
      if (outstanding.get() >= maxOutstanding) {
        skipped.incrementAndGet();
        continue;
      }
      send(exports.get((int) (i % DISTINCT_EXPORTS)));
    }
    double offered = (sent.get() - sentBefore) * SPANS_PER_EXPORT / ((System.nanoTime() - start) / 1e9);
    awaitAnswers();
    return offered;
  }

  /** Sends the open loop skipped because {@code maxOutstanding} exports were unanswered. */
  long skipped() {
    return skipped.get();
  }

  /** Sends one export and waits for its answer; true when acknowledged. */
  boolean sendOne() throws InterruptedException {
    long before = acked.get();
    send(exports.get(0));
    awaitAnswers();
    return acked.get() > before;
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(DEADLINE.toSeconds(), TimeUnit.SECONDS);
  }

  private void send(byte[] body) {
    outstanding.incrementAndGet();
    sent.incrementAndGet();
    ClientCalls.asyncUnaryCall(channel.newCall(EXPORT, CallOptions.DEFAULT.withDeadlineAfter(DEADLINE.toMillis(),
        TimeUnit.MILLISECONDS)), body, new StreamObserver<>() {
          @Override
          public void onNext(byte[] value) {}

          @Override
          public void onError(Throwable t) {
            ledger.answer("grpc " + Status.fromThrowable(t).getCode());
            outstanding.decrementAndGet();
          }

          @Override
          public void onCompleted() {
            acked.incrementAndGet();
            ledger.answer("grpc OK");
            outstanding.decrementAndGet();
          }
        });
  }

  private void awaitAnswers() throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos() * 2;
    while (outstanding.get() > 0 && System.nanoTime() < deadline) Thread.sleep(10);
  }
}
