package dev.tracebridge.core.storage;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.RumView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store in the JVM's heap, for unit tests and for trying the engine without Cassandra. It keeps the
 * same semantics as the Cassandra store (idempotent rows, latest view version wins) and passes the same
 * storage test suite, but it is neither durable nor bounded: never the default for a running engine.
 */
public final class InMemoryTraceStore implements TraceStore {
  private final ConcurrentHashMap<TraceKey, Partition> traces = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<SessionKey, Map<String, RumEvent>> sessions = new ConcurrentHashMap<>();

  @Override
  public CompletionStage<Void> write(TraceWrite write) {
    requireNonNull(write, "write");
    Partition partition = traces.computeIfAbsent(write.key(), k -> new Partition());
    synchronized (partition) {
      for (Span span : write.spans()) {
        partition.spans.put(new SpanIdentity(span.traceId(), span.spanId()), span);
      }
      for (RumResource resource : write.resources()) {
        partition.resources.put(resource.eventId(), resource);
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Void> writeSessionEvents(List<RumEvent> events) {
    for (RumEvent event : events) {
      String sessionId = event.context().sessionId();
      SessionKey key = new SessionKey(event.context().appId(), sessionId == null ? "" : sessionId);
      Map<String, RumEvent> session = sessions.computeIfAbsent(key, k -> new LinkedHashMap<>());
      synchronized (session) {
        RumEvent existing = session.get(event.eventId());
        if (!(existing instanceof RumView old && event instanceof RumView fresh)
            || fresh.documentVersion() >= old.documentVersion()) {
          session.put(event.eventId(), event);
        }
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<TraceRecords> readTrace(TraceKey key) {
    Partition partition = traces.get(key);
    if (partition == null) return CompletableFuture.completedFuture(TraceRecords.empty(key));
    synchronized (partition) {
      return CompletableFuture.completedFuture(new TraceRecords(key,
          new ArrayList<>(partition.spans.values()), new ArrayList<>(partition.resources.values())));
    }
  }

  /**
   * A snapshot of every trace partition, for the in-memory search, which has no index and reads them
   * all (core.search.InMemoryTraceSearch).
   */
  public List<TraceRecords> traces() {
    List<TraceRecords> all = new ArrayList<>(traces.size());
    traces.forEach((key, partition) -> {
      synchronized (partition) {
        all.add(new TraceRecords(key, new ArrayList<>(partition.spans.values()),
            new ArrayList<>(partition.resources.values())));
      }
    });
    return all;
  }

  @Override
  public CompletionStage<List<RumEvent>> readSession(String appId, String sessionId) {
    Map<String, RumEvent> session = sessions.get(new SessionKey(appId, sessionId));
    if (session == null) return CompletableFuture.completedFuture(List.of());
    List<RumEvent> events;
    synchronized (session) {
      events = new ArrayList<>(session.values());
    }
    events.sort(Comparator.comparingLong(RumEvent::epochNanos).thenComparing(RumEvent::eventId));
    return CompletableFuture.completedFuture(events);
  }

  @Override
  public void close() {
    traces.clear();
    sessions.clear();
  }

  private record SpanIdentity(TraceId traceId, SpanId spanId) {}

  private record SessionKey(String appId, String sessionId) {}

  private static final class Partition {
    final LinkedHashMap<SpanIdentity, Span> spans = new LinkedHashMap<>();
    final LinkedHashMap<String, RumResource> resources = new LinkedHashMap<>();
  }
}
