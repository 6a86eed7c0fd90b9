package dev.tracebridge.correlator.adjust;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.join.ClockCorrection;
import dev.tracebridge.core.join.JoinedTrace;
import dev.tracebridge.core.join.ResourceVerdict;
import dev.tracebridge.core.join.TraceLink;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.RumResource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A trace while the adjusters work on it. Adjusters change it through package-private methods; the
 * correlator reads the outcome (links per resource, which resources were copies) through the public
 * ones. One draft per join, one thread.
 */
public final class TraceDraft {
  /**
   * Start time, then span id: unsigned order of the 64-bit ids is the order of their 16-digit hex form,
   * without building two strings for every tie.
   */
  static final Comparator<Span> SPAN_ORDER = Comparator.comparingLong(Span::startEpochNanos)
      .thenComparing((a, b) -> Long.compareUnsigned(a.spanId().value(), b.spanId().value()));
  static final Comparator<RumResource> RESOURCE_ORDER =
      Comparator.comparingLong(RumResource::epochNanos).thenComparing(RumResource::eventId);

  private final TraceId requested;
  private final JoinEvidence evidence;
  private final List<Span> spans;
  private final List<RumResource> resources;
  private final List<TraceLink> links = new ArrayList<>();
  private final Set<String> warnings = new LinkedHashSet<>();
  private final Map<String, String> copies = new LinkedHashMap<>();
  private List<ClockCorrection> clockCorrections = List.of();
  private List<ResourceVerdict> verdicts = List.of();
  private @Nullable Map<SpanId, Span> spanById;
  private @Nullable Map<SpanId, List<Span>> childrenByParent;

  TraceDraft(TraceId requested, List<Span> spans, List<RumResource> resources, JoinEvidence evidence) {
    this.requested = requireNonNull(requested, "requested");
    this.evidence = requireNonNull(evidence, "evidence");
    this.spans = new ArrayList<>(spans);
    this.spans.sort(SPAN_ORDER);
    this.resources = new ArrayList<>(resources);
    this.resources.sort(RESOURCE_ORDER);
  }

  public TraceId requested() {
    return requested;
  }

  public JoinEvidence evidence() {
    return evidence;
  }

  /** Spans in start order. */
  public List<Span> spans() {
    return Collections.unmodifiableList(spans);
  }

  /** Resources in start order, copies removed. */
  public List<RumResource> resources() {
    return Collections.unmodifiableList(resources);
  }

  public List<TraceLink> links() {
    return Collections.unmodifiableList(links);
  }

  /** The links of a resource, or of the resource it is a copy of. */
  public List<TraceLink> linksOf(String eventId) {
    String kept = copies.getOrDefault(eventId, eventId);
    List<TraceLink> out = new ArrayList<>();
    for (TraceLink link : links) {
      if (link.resourceEventId().equals(kept)) out.add(link);
    }
    return out;
  }

  public boolean isLinked(String eventId) {
    String kept = copies.getOrDefault(eventId, eventId);
    for (TraceLink link : links) {
      if (link.resourceEventId().equals(kept)) return true;
    }
    return false;
  }

  public @Nullable Span span(SpanId id) {
    return spanIndex().get(id);
  }

  /** Spans whose parent is {@code parent}, in start order. */
  public List<Span> children(SpanId parent) {
    return childIndex().getOrDefault(parent, List.of());
  }

  public List<ClockCorrection> clockCorrections() {
    return clockCorrections;
  }

  /** Every traced resource's sampling decision and verdict. */
  public List<ResourceVerdict> verdicts() {
    return verdicts;
  }

  public JoinedTrace toJoinedTrace(TraceId id) {
    return new JoinedTrace(id, spans, resources, links, List.copyOf(warnings), clockCorrections, verdicts);
  }

  void warn(String warning) {
    warnings.add(warning);
  }

  void addLink(TraceLink link) {
    links.add(link);
  }

  void replaceLinks(List<TraceLink> replacement) {
    links.clear();
    links.addAll(replacement);
  }

  /** Drops {@code copy} from the view; its links and verdict are those of {@code kept}. */
  void removeCopyOfResource(RumResource copy, RumResource kept) {
    resources.remove(copy);
    copies.put(copy.eventId(), kept.eventId());
  }

  void replaceSpans(List<Span> replacement) {
    spans.clear();
    spans.addAll(replacement);
    spans.sort(SPAN_ORDER);
    spanById = null;
    childrenByParent = null;
  }

  void addSpans(List<Span> added) {
    List<Span> all = new ArrayList<>(spans);
    all.addAll(added);
    replaceSpans(all);
  }

  void addResources(List<RumResource> added) {
    resources.addAll(added);
    resources.sort(RESOURCE_ORDER);
  }

  void setClockCorrections(List<ClockCorrection> corrections) {
    clockCorrections = List.copyOf(corrections);
  }

  void setVerdicts(List<ResourceVerdict> resourceVerdicts) {
    verdicts = List.copyOf(resourceVerdicts);
  }

  private Map<SpanId, Span> spanIndex() {
    if (spanById == null) {
      // Sized for every span up front: growing it entry by entry re-hashed a 200-span trace four times.
      Map<SpanId, Span> index = new HashMap<>(spans.size() * 4 / 3 + 1);
      for (Span span : spans) index.putIfAbsent(span.spanId(), span);
      spanById = index;
    }
    return spanById;
  }

  private Map<SpanId, List<Span>> childIndex() {
    if (childrenByParent == null) {
      Map<SpanId, List<Span>> index = new HashMap<>();
      for (Span span : spans) {
        if (span.parentSpanId() != null) {
          index.computeIfAbsent(span.parentSpanId(), k -> new ArrayList<>()).add(span);
        }
      }
      childrenByParent = index;
    }
    return childrenByParent;
  }
}
