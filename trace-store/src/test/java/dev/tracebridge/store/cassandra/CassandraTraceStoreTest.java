package dev.tracebridge.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.storage.StorageContract;
import dev.tracebridge.core.storage.TestTelemetry;
import dev.tracebridge.core.storage.TraceRecords;
import dev.tracebridge.core.storage.TraceStore;
import dev.tracebridge.core.storage.TraceWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The shared storage test suite, against a real Cassandra node. */
class CassandraTraceStoreTest extends StorageContract {

  @Override
  protected TraceStore store() {
    return SharedNode.store();
  }

  @Test
  void readGivenAnExecutor_decodesOnIt() throws Exception {
    TraceId traceId = TestTelemetry.randomTraceId();
    List<TraceWrite> writes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      writes.add(TraceWrite.ofSpans(traceId.key(),
          List.of(TestTelemetry.fullSpan(traceId, TestTelemetry.randomSpanId(), null).toBuilder().name("op " + i)
              .build())));
    }
    store().writeAll(writes).toCompletableFuture().get();
    List<String> ranOn = new CopyOnWriteArrayList<>();
    Executor decoding = task -> new Thread(() -> {
      ranOn.add(Thread.currentThread().getName());
      task.run();
    }, "decoder").start();

    TraceRecords read = store().readTrace(traceId.key(), decoding).toCompletableFuture().get();

    assertThat(read.spans()).hasSize(12);
    assertThat(ranOn).containsOnly("decoder");
  }
}
