package dev.tracebridge.correlator;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.model.TraceKey;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.Sampling;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * What a RUM resource says about the trace context its request carried. Request-side contexts are the
 * ones the browser sent (or its SDK reported sending); {@link HeaderFormat#RESPONSE} contexts are what
 * the server answered, which says nothing about what the browser propagated.
 */
public final class BrowserRequests {
  private BrowserRequests() {}

  /** The contexts the request carried, in the order the intake found them. */
  public static List<PropagatedContext> requestContexts(RumResource resource) {
    requireNonNull(resource, "resource");
    List<PropagatedContext> out = new ArrayList<>(resource.propagation().size());
    for (PropagatedContext c : resource.propagation()) {
      if (c.format() != HeaderFormat.RESPONSE) out.add(c);
    }
    return out;
  }

  /** Whether the request carried trace headers: only such resources get a propagation verdict. */
  public static boolean isTraced(RumResource resource) {
    requireNonNull(resource, "resource");
    for (PropagatedContext c : resource.propagation()) {
      if (c.format() != HeaderFormat.RESPONSE) return true;
    }
    return false;
  }

  /**
   * The browser's sampling decision: sampled if any format said so, not sampled if the formats that said
   * anything all said not sampled, unknown otherwise. Browsers decide once per session and write the same
   * flag into every format, so a disagreement means a format that carries no flag.
   */
  public static Sampling sampling(RumResource resource) {
    requireNonNull(resource, "resource");
    boolean notSampled = false;
    for (PropagatedContext c : resource.propagation()) {
      if (c.format() == HeaderFormat.RESPONSE) continue;
      if (c.sampling() == Sampling.SAMPLED) return Sampling.SAMPLED;
      if (c.sampling() == Sampling.NOT_SAMPLED) notSampled = true;
    }
    return notSampled ? Sampling.NOT_SAMPLED : Sampling.UNKNOWN;
  }

  /** The request-side formats by wire name, in HeaderFormat order, joined with '+': "b3+w3c". */
  public static String headerFormats(RumResource resource) {
    requireNonNull(resource, "resource");
    Set<HeaderFormat> formats = EnumSet.noneOf(HeaderFormat.class);
    for (PropagatedContext c : resource.propagation()) {
      if (c.format() != HeaderFormat.RESPONSE) formats.add(c.format());
    }
    StringJoiner out = new StringJoiner("+");
    for (HeaderFormat f : formats) out.add(f.wireName());
    return out.toString();
  }

  /** The context the verdict is keyed on: {@link RumResource#primaryContext()}, when it is request-side. */
  public static @Nullable PropagatedContext primaryRequestContext(RumResource resource) {
    requireNonNull(resource, "resource");
    PropagatedContext primary = resource.primaryContext();
    return primary == null || primary.format() == HeaderFormat.RESPONSE ? null : primary;
  }

  /** The partition the resource's verdict lives in; null for a resource that carried no trace headers. */
  public static @Nullable TraceKey verdictKey(RumResource resource) {
    PropagatedContext primary = primaryRequestContext(resource);
    return primary == null ? null : primary.traceId().key();
  }

  /** The session id, or empty when the event had none. */
  public static String sessionId(RumResource resource) {
    String session = resource.context().sessionId();
    return session == null ? "" : session;
  }
}
