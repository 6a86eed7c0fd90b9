package dev.tracebridge.correlator;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds browser resources field by field for correlator tests. */
public final class Requests {
  /** 2023-11-14T22:13:20Z: a fixed start for tests. */
  public static final long T0 = 1_700_000_000_000_000_000L;
  public static final long MS = 1_000_000L;

  private String eventId = "res-1";
  private String app = "shop-web";
  private @Nullable String session = "session-1";
  private String url = "https://api.shop.example/cart/42";
  private String method = "GET";
  private int status = 200;
  private long start = T0;
  private long duration = 100 * MS;
  private @Nullable ResourceTiming timing = timing(10 * MS, 90 * MS);
  private final List<PropagatedContext> contexts = new ArrayList<>();

  public static Requests request() {
    return new Requests();
  }

  /** Resource Timing with the request leaving at {@code requestStart} and the first byte at {@code responseStart}. */
  public static ResourceTiming timing(long requestStart, long responseStart) {
    long u = ResourceTiming.UNKNOWN;
    return new ResourceTiming(u, u, 0, 0, 0, 0, 0, u, requestStart, responseStart, responseStart + MS);
  }

  public Requests eventId(String id) { this.eventId = id; return this; }
  public Requests app(String id) { this.app = id; return this; }
  public Requests session(@Nullable String id) { this.session = id; return this; }
  public Requests url(String u) { this.url = u; return this; }
  public Requests method(String m) { this.method = m; return this; }
  public Requests status(int s) { this.status = s; return this; }
  public Requests start(long nanos) { this.start = nanos; return this; }
  public Requests duration(long nanos) { this.duration = nanos; return this; }
  public Requests timing(@Nullable ResourceTiming t) { this.timing = t; return this; }

  public Requests context(HeaderFormat format, TraceId traceId, @Nullable SpanId spanId, Sampling sampling) {
    contexts.add(new PropagatedContext(format, traceId, spanId, sampling));
    return this;
  }

  public Requests w3c(TraceId traceId, SpanId spanId) {
    return context(HeaderFormat.W3C, traceId, spanId, Sampling.SAMPLED);
  }

  public RumResource build() {
    RumContext context = new RumContext(app, session, "view-1", "https://shop.example/cart", null, Map.of());
    return new RumResource(eventId, context, start, duration, ResourceType.FETCH, url, method, status, timing,
        contexts, Map.of(), Attributes.empty());
  }
}
