package dev.tracebridge.api.analysis;

import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanEvent;
import dev.tracebridge.core.rum.RumResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a trace's error started: the deepest span with status ERROR (the first of them when several are
 * as deep), its exception event, and the errors above it up to the browser request that carried it.
 * A trace whose spans all succeeded but whose browser request failed (no response, or 5xx) has its
 * origin in that request.
 *
 * @param kind {@code span} or {@code resource}
 * @param id the span id, or the resource's event id
 * @param message the span's status message, or what the browser saw
 */
public record ErrorOrigin(
    String kind, String id, String service, String name, String message, @Nullable ExceptionEvent exception,
    List<Link> chain) {

  /** A browser request at or above this status failed on the server's side. */
  private static final int FIRST_SERVER_ERROR_STATUS = 500;

  public ErrorOrigin {
    chain = List.copyOf(chain);
  }

  /** The exception event's standard attributes; empty strings where the span did not set them. */
  public record ExceptionEvent(String type, String message, String stacktrace, long epochNanos) {}

  /** An error above the origin. */
  public record Link(String kind, String id, String service, String name, String message) {}

  static Optional<ErrorOrigin> find(Timeline timeline) {
    TimelineNode deepest = timeline.spansById().values().stream()
        .filter(node -> node.span != null && node.span.status().isError())
        .max(Comparator.comparingInt(ErrorOrigin::depth)
            .thenComparing(Comparator.comparingLong((TimelineNode n) -> n.rawStart).reversed())
            .thenComparing(n -> n.id, Comparator.reverseOrder()))
        .orElse(null);
    if (deepest != null) return Optional.of(fromSpan(deepest));
    return failedResource(timeline.root()).map(node -> new ErrorOrigin("resource", node.id, node.service,
        node.name, failure(node.resource), null, List.of()));
  }

  static boolean failed(RumResource resource) {
    return resource.statusCode() == 0 || resource.statusCode() >= FIRST_SERVER_ERROR_STATUS;
  }

  private static ErrorOrigin fromSpan(TimelineNode node) {
    Span span = node.span;
    List<Link> chain = new ArrayList<>();
    for (TimelineNode up = node.parent; up != null; up = up.parent) {
      if (up.kind == TimelineNode.Kind.SPAN && up.span.status().isError()) {
        chain.add(new Link("span", up.id, up.service, up.name, up.span.status().message()));
      } else if (up.kind == TimelineNode.Kind.RESOURCE && failed(up.resource)) {
        chain.add(new Link("resource", up.id, up.service, up.name, failure(up.resource)));
      }
    }
    return new ErrorOrigin("span", node.id, node.service, node.name, span.status().message(),
        exception(span), chain);
  }

  private static @Nullable ExceptionEvent exception(Span span) {
    for (SpanEvent event : span.events()) {
      if (!event.isException()) continue;
      return new ExceptionEvent(text(event, "exception.type"), text(event, "exception.message"),
          text(event, "exception.stacktrace"), event.epochNanos());
    }
    return null;
  }

  private static String text(SpanEvent event, String key) {
    String value = event.attributes().getText(key);
    return value == null ? "" : value;
  }

  private static int depth(TimelineNode node) {
    int depth = 0;
    for (TimelineNode up = node.parent; up != null; up = up.parent) {
      if (up.kind == TimelineNode.Kind.SPAN) depth++;
    }
    return depth;
  }

  private static Optional<TimelineNode> failedResource(TimelineNode root) {
    List<TimelineNode> resources = new ArrayList<>();
    if (root.kind == TimelineNode.Kind.RESOURCE) resources.add(root);
    for (TimelineNode child : root.children) {
      if (child.kind == TimelineNode.Kind.RESOURCE) resources.add(child);
    }
    return resources.stream().filter(node -> failed(node.resource))
        .min(Comparator.comparingLong(node -> node.rawStart));
  }

  private static String failure(RumResource resource) {
    if (resource.statusCode() == 0) {
      return "no response (status 0): a CORS refusal, a network error or an abort";
    }
    return "answered HTTP " + resource.statusCode();
  }
}
