package dev.tracebridge.store.cassandra.codec;

import dev.tracebridge.core.model.InstrumentationScope;
import dev.tracebridge.core.model.Resource;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The resource and instrumentation scope at the end of each span record, decoded once per run of records
 * that repeat them. A span record carries its own copy of both (so a record reads alone), and the spans of
 * one export nearly always share them: decoding each copy again cost allocations for every attribute of the
 * resource on every span, and gave each span its own {@link Resource}, so that everything later keyed on
 * the resource (the service lookup, the trace JSON's resource table) hashed equal maps instead of meeting
 * the same instance. The bytes decide: a record whose tail is byte for byte the previous one's gets the
 * previous objects, which is exactly what decoding them again would have produced.
 *
 * <p>One instance serves one chunk, on one thread.
 */
final class SpanOrigins {
  private @Nullable ByteBuffer lastBytes;
  private @Nullable Resource lastResource;
  private @Nullable InstrumentationScope lastScope;

  /** Reads the resource and scope that end a span record; {@code in} stands at the resource. */
  void read(PayloadReader in) {
    ByteBuffer tail = in.rest();
    if (lastBytes != null && tail.equals(lastBytes)) {
      in.skipRest();
      return;
    }
    Resource resource = new Resource(AttributesCodec.read(in), in.readInt(), in.readString());
    InstrumentationScope scope = new InstrumentationScope(in.readString(), in.readString(),
        AttributesCodec.read(in), in.readInt(), in.readString());
    in.requireEnd();
    lastBytes = tail;
    lastResource = resource;
    lastScope = scope;
  }

  /** The resource {@link #read} last read or reused. */
  Resource resource() {
    if (lastResource == null) throw new IllegalStateException("no span record read yet");
    return lastResource;
  }

  /** The scope {@link #read} last read or reused. */
  InstrumentationScope scope() {
    if (lastScope == null) throw new IllegalStateException("no span record read yet");
    return lastScope;
  }
}
