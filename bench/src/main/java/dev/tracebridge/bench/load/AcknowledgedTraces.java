package dev.tracebridge.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The trace ids the engine acknowledged during a step, kept as the generator received the acks: the
 * verifier reads back exactly these. Ids are 2 longs per trace (high, low).
 */
final class AcknowledgedTraces {
  private final ConcurrentLinkedQueue<long[]> spanExports = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<long[]> rumBatches = new ConcurrentLinkedQueue<>();

  void spansAcknowledged(long[] ids) {
    spanExports.add(ids);
  }

  void resourcesAcknowledged(long[] ids) {
    rumBatches.add(ids);
  }

  /** Every acknowledged trace's id; each carries {@code spansPerTrace} acknowledged spans. */
  List<long[]> spanTraces() {
    return flatten(spanExports);
  }

  /** Every trace id whose browser resource was acknowledged. */
  List<long[]> resourceTraces() {
    return flatten(rumBatches);
  }

  private static List<long[]> flatten(ConcurrentLinkedQueue<long[]> batches) {
    List<long[]> ids = new ArrayList<>();
    for (long[] batch : batches) {
      for (int i = 0; i < batch.length; i += 2) ids.add(new long[] {batch[i], batch[i + 1]});
    }
    return ids;
  }
}
