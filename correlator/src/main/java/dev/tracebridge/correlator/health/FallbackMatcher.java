package dev.tracebridge.correlator.health;

import dev.tracebridge.core.health.FallbackLink;
import dev.tracebridge.core.health.RootServerSpan;
import dev.tracebridge.core.search.UrlPattern;
import dev.tracebridge.core.rum.RumResource;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Picks, among the parentless server spans of a request's method and folded path found in the time
 * window, the one that served this very request, if any can be told apart. Only spans of the same raw
 * path qualify ({@code /cart/42} is not {@code /cart/41}), and never a span of another session.
 *
 * <ul>
 *   <li>The one span of the resource's session ({@code session.id} from the baggage, which the backend
 *       copied onto its span): confidence {@value #SAME_SESSION}.
 *   <li>Several of its session: the nearest in time, confidence {@value #SAME_SESSION_NEAREST}: the
 *       browser's clock is skewed, so nearest is a guess among the session's calls to the endpoint.
 *   <li>No session on the spans, and exactly one span in the window: confidence {@value #ONLY_CANDIDATE}.
 *   <li>Otherwise none: two requests without a session to tell them apart are a coin toss.
 * </ul>
 */
final class FallbackMatcher {
  static final double SAME_SESSION = 0.9;
  static final double SAME_SESSION_NEAREST = 0.6;
  static final double ONLY_CANDIDATE = 0.5;

  private FallbackMatcher() {}

  static @Nullable FallbackLink match(RumResource resource, List<RootServerSpan> candidates) {
    String path = UrlPattern.path(resource.url());
    String session = resource.context().sessionId() == null ? "" : resource.context().sessionId();
    List<RootServerSpan> sameSession = new ArrayList<>();
    List<RootServerSpan> noSession = new ArrayList<>();
    for (RootServerSpan c : candidates) {
      if (!c.path().equals(path)) continue;
      if (c.sessionId().isEmpty()) {
        noSession.add(c);
      } else if (!session.isEmpty() && c.sessionId().equals(session)) {
        sameSession.add(c);
      }
    }
    if (sameSession.size() == 1) {
      return link(sameSession.get(0), SAME_SESSION, "same session (baggage session.id), method and path");
    }
    if (sameSession.size() > 1) {
      return link(nearest(sameSession, resource.epochNanos()), SAME_SESSION_NEAREST,
          "same session, method and path; nearest in time of " + sameSession.size());
    }
    if (noSession.size() == 1 && candidates.size() == 1) {
      return link(noSession.get(0), ONLY_CANDIDATE,
          "the only request of that method and path in the window; no session recorded to confirm it");
    }
    return null;
  }

  private static FallbackLink link(RootServerSpan span, double confidence, String basis) {
    return new FallbackLink(span.traceId(), span.spanId(), confidence, basis);
  }

  private static RootServerSpan nearest(List<RootServerSpan> spans, long browserStart) {
    RootServerSpan best = spans.get(0);
    for (RootServerSpan s : spans) {
      if (Math.abs(s.startEpochNanos() - browserStart) < Math.abs(best.startEpochNanos() - browserStart)) best = s;
    }
    return best;
  }
}
