package dev.tracebridge.correlator.corpus;

import dev.tracebridge.core.model.Attributes;
import dev.tracebridge.core.model.Resource;
import dev.tracebridge.core.model.Span;
import dev.tracebridge.core.model.SpanId;
import dev.tracebridge.core.model.SpanKind;
import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.core.rum.ResourceType;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.Sampling;
import dev.tracebridge.correlator.BrowserRequests;
import dev.tracebridge.correlator.corpus.CorpusCase.Arrival;
import dev.tracebridge.correlator.corpus.CorpusCase.Duplicate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Generates front-to-back requests with known truth, from a seed: every header format and id spelling,
 * both arrival orders and each side hours late, browser clocks off by up to ±10 minutes, duplicates of
 * each kind, and each broken-propagation cause. Requests are simulated in true time (DNS and connect,
 * uplink, server work, downlink) and then recorded by clocks that are off, so the windows the correlator
 * measures with are the ones a real browser would report.
 */
final class CorpusGenerator {
  static final long MS = 1_000_000L;
  static final long SECOND = 1_000 * MS;
  static final long MAX_BROWSER_CLOCK_ERROR = 600 * SECOND;
  static final long MAX_SERVICE_CLOCK_ERROR = 2 * SECOND;
  /** Services in one data centre agree to a few milliseconds. */
  static final long MAX_DOWNSTREAM_CLOCK_DRIFT = 3 * MS;
  static final long HOURS_LATER = 3 * 3_600 * SECOND;
  static final int SERVICES = 4;
  static final int REQUESTS_PER_SESSION = 6;
  static final String APP = "corpus-web";
  private static final Set<Cause> NO_BACKEND_SPANS = EnumSet.of(Cause.CORS_BLOCKED, Cause.SAMPLED_OUT_BY_BROWSER,
      Cause.SAMPLED_OUT_BY_BACKEND, Cause.NOT_INSTRUMENTED);

  private final Random random;
  private final long start;
  private final String runId;
  private final List<CorpusCase> cases = new ArrayList<>();
  private final List<Corpus.Delivery> deliveries = new ArrayList<>();
  private final Map<String, Long> sessionErrors = new LinkedHashMap<>();
  private final Map<String, Long> serviceErrors = new LinkedHashMap<>();

  private CorpusGenerator(long seed, long startNanos) {
    this.random = new Random(seed);
    this.start = startNanos;
    this.runId = Long.toHexString(seed);
  }

  /** {@code count} requests starting at {@code startNanos} (true time), the first per service a plain link. */
  static Corpus generate(long seed, int count, long startNanos) {
    return new CorpusGenerator(seed, startNanos).build(count);
  }

  private Corpus build(int count) {
    for (int s = 0; s < SERVICES; s++) {
      long error = uniform(-MAX_SERVICE_CLOCK_ERROR, MAX_SERVICE_CLOCK_ERROR);
      serviceErrors.put(service(s), error);
      serviceErrors.put(downstream(s), error + uniform(-MAX_DOWNSTREAM_CLOCK_DRIFT, MAX_DOWNSTREAM_CLOCK_DRIFT));
    }
    String session = "";
    for (int i = 0; i < count; i++) {
      if (i % REQUESTS_PER_SESSION == 0) {
        session = "s-" + runId + "-" + (i / REQUESTS_PER_SESSION);
        sessionErrors.put(session, uniform(-MAX_BROWSER_CLOCK_ERROR, MAX_BROWSER_CLOCK_ERROR));
      }
      boolean anchor = i < SERVICES;
      Cause cause = anchor ? Cause.LINKED : pick(Cause.values());
      int service = anchor ? i : random.nextInt(SERVICES);
      FormatPlan plan = anchor ? FormatPlan.W3C_128 : plan(cause);
      Arrival arrival = anchor ? Arrival.BROWSER_FIRST : arrival(cause);
      Duplicate duplicate = anchor ? Duplicate.NONE : duplicate(cause);
      addCase(i, session, service, cause, plan, arrival, duplicate);
    }
    deliveries.sort(Comparator.comparingLong(Corpus.Delivery::arrivalNanos));
    return new Corpus(cases, deliveries, sessionErrors, serviceErrors);
  }

  private void addCase(int i, String session, int serviceIndex, Cause cause, FormatPlan plan, Arrival arrival,
      Duplicate duplicate) {
    String service = service(serviceIndex);
    long browserError = sessionErrors.get(session);
    long serviceError = serviceErrors.get(service);
    long dbError = serviceErrors.get(downstream(serviceIndex));
    // True times of the request's phases.
    long t = start + i * 1_500 * MS + uniform(0, 500 * MS);
    long requestStart = uniform(0, 40 * MS);
    long serverStart = t + requestStart + uniform(2 * MS, 60 * MS);
    long serverEnd = serverStart + uniform(3 * MS, 250 * MS);
    long responseStart = serverEnd + uniform(2 * MS, 60 * MS) - t;
    long duration = responseStart + uniform(MS, 30 * MS);
    boolean withTiming = random.nextInt(5) != 0;

    TraceId trace = plan.newTraceId(random);
    SpanId browserSpan = spanId();
    TraceId otherTrace = FormatPlan.W3C_128.newTraceId(random);
    SpanId otherSpan = spanId();
    Sampling sampling = cause == Cause.SAMPLED_OUT_BY_BROWSER ? Sampling.NOT_SAMPLED : Sampling.SAMPLED;
    List<PropagatedContext> contexts = cause == Cause.DOCUMENT_BY_RESPONSE ? new ArrayList<>()
        : new ArrayList<>(plan.contexts(trace, browserSpan, sampling, otherTrace, otherSpan));

    String origin = cause == Cause.NOT_INSTRUMENTED ? "legacy-" + runId + "-" + i + ".example"
        : "api-" + serviceIndex + ".shop.example";
    String path = path(cause, i);
    String eventId = "res-" + runId + "-" + i;

    // The backend side.
    List<Span> spans = new ArrayList<>();
    SpanId serverSpanId = cause == Cause.SHARED_SPAN_ID ? browserSpan : spanId();
    TraceId backendTrace = backendTrace(cause, trace);
    SpanId parent = switch (cause) {
      case LINKED, LOW_64_BITS_ONLY -> browserSpan;
      case REGENERATED_PARENT -> spanId();
      default -> null;
    };
    @Nullable Span server = null;
    if (!NO_BACKEND_SPANS.contains(cause)) {
      Attributes.Builder attributes = Attributes.builder().put("http.request.method", "GET").put("url.path", path);
      if (cause == Cause.HEADER_STRIPPED_WITH_SESSION) attributes.put("session.id", session);
      server = Span.builder().traceId(backendTrace).spanId(serverSpanId).parentSpanId(parent).kind(SpanKind.SERVER)
          .name("GET " + path).startEpochNanos(serverStart + serviceError).endEpochNanos(serverEnd + serviceError)
          .attributes(attributes.build()).resource(resource(service)).build();
      long work = serverEnd - serverStart;
      Span call = Span.builder().traceId(backendTrace).spanId(spanId()).parentSpanId(serverSpanId)
          .kind(SpanKind.CLIENT).name("SELECT").startEpochNanos(serverStart + work / 5 + serviceError)
          .endEpochNanos(serverStart + 4 * work / 5 + serviceError).resource(resource(service)).build();
      Span db = Span.builder().traceId(backendTrace).spanId(spanId()).parentSpanId(call.spanId())
          .kind(SpanKind.SERVER).name("query").startEpochNanos(serverStart + 3 * work / 10 + dbError)
          .endEpochNanos(serverStart + 7 * work / 10 + dbError).resource(resource(downstream(serviceIndex))).build();
      spans.add(server);
      spans.add(call);
      spans.add(db);
    }
    if (cause == Cause.CORS_BLOCKED && random.nextBoolean()) {
      spans.add(Span.builder().traceId(FormatPlan.W3C_128.newTraceId(random)).spanId(spanId()).kind(SpanKind.SERVER)
          .name("OPTIONS").startEpochNanos(serverStart + serviceError).endEpochNanos(serverStart + serviceError + MS)
          .attributes(Attributes.builder().put("http.request.method", "OPTIONS").put("url.path", path).build())
          .resource(resource(service)).build());
    }
    if (cause == Cause.HEADER_STRIPPED_SEEN_IN_RESPONSE || cause == Cause.DOCUMENT_BY_RESPONSE) {
      contexts.add(new PropagatedContext(HeaderFormat.RESPONSE, backendTrace, serverSpanId, Sampling.SAMPLED));
    }
    SpanId linkedSpan = server == null ? null : server.spanId();
    if (duplicate == Duplicate.SPAN_UNDER_NEW_ID && server != null) {
      Span copy = server.toBuilder().spanId(spanId()).build();
      spans.add(copy);
      if (Long.compareUnsigned(copy.spanId().value(), server.spanId().value()) < 0) linkedSpan = copy.spanId();
    }

    ResourceTiming timing = withTiming ? new ResourceTiming(ResourceTiming.UNKNOWN, ResourceTiming.UNKNOWN, 0, 0,
        requestStart / 2, requestStart / 2, requestStart, ResourceTiming.UNKNOWN, requestStart, responseStart,
        duration) : null;
    int status = cause == Cause.CORS_BLOCKED ? 0 : 200;
    ResourceType type = cause == Cause.DOCUMENT_BY_RESPONSE ? ResourceType.DOCUMENT : ResourceType.FETCH;
    RumContext context = new RumContext(APP, session, "view-" + session, "https://shop.example/", null, Map.of());
    RumResource resource = new RumResource(eventId, context, t + browserError, duration, type,
        "https://" + origin + path, "GET", status, timing, contexts, Map.of(), Attributes.empty());
    RumResource copy = duplicate == Duplicate.RESOURCE_UNDER_NEW_ID
        ? new RumResource(eventId + "-copy", context, resource.epochNanos(), duration, type, resource.url(), "GET",
            status, timing, contexts, Map.of(), Attributes.empty())
        : null;

    // Arrivals, by the engine's clock (which is right).
    long resourceArrival = t + duration + uniform(500 * MS, 10 * SECOND);
    long spanArrival = serverEnd + uniform(SECOND, 20 * SECOND);
    switch (arrival) {
      case BROWSER_FIRST -> spanArrival = resourceArrival + uniform(SECOND, 90 * SECOND);
      case BACKEND_FIRST -> resourceArrival = spanArrival + uniform(SECOND, 60 * SECOND);
      case BROWSER_HOURS_LATER -> resourceArrival = spanArrival + HOURS_LATER;
      case BACKEND_HOURS_LATER -> spanArrival = resourceArrival + HOURS_LATER;
    }
    deliveries.add(new Corpus.Delivery(resourceArrival, List.of(resource), List.of()));
    if (copy != null) deliveries.add(new Corpus.Delivery(resourceArrival + 5 * SECOND, List.of(copy), List.of()));
    if (duplicate == Duplicate.RESOURCE_TWICE) {
      deliveries.add(new Corpus.Delivery(resourceArrival + 90 * SECOND, List.of(resource), List.of()));
    }
    if (!spans.isEmpty()) {
      deliveries.add(new Corpus.Delivery(spanArrival, List.of(), spans));
      if (duplicate == Duplicate.SPANS_TWICE) {
        deliveries.add(new Corpus.Delivery(spanArrival + 30 * SECOND, List.of(), spans));
      }
    }

    TraceId readId = switch (cause) {
      case HEADER_STRIPPED_SEEN_IN_RESPONSE, DOCUMENT_BY_RESPONSE -> backendTrace;
      case LINKED, LOW_64_BITS_ONLY, REGENERATED_PARENT, SHARED_SPAN_ID -> trace;
      default -> BrowserRequests.primaryRequestContext(resource).traceId();
    };
    boolean decidable = arrival != Arrival.BACKEND_HOURS_LATER;
    cases.add(new CorpusCase(i, eventId, cause, plan, arrival, duplicate, readId, decidable, linkedSpan,
        copy == null ? null : copy.eventId(), APP, session, service, browserError - serviceError,
        downstream(serviceIndex), browserError - dbError));
  }

  private TraceId backendTrace(Cause cause, TraceId browserTrace) {
    return switch (cause) {
      case LINKED, REGENERATED_PARENT, SHARED_SPAN_ID -> browserTrace;
      case LOW_64_BITS_ONLY -> TraceId.of(random.nextLong() | 1L << 60, browserTrace.low());
      default -> FormatPlan.W3C_128.newTraceId(random);
    };
  }

  /** Each cause calls endpoints of its own, so no other cause's spans are candidates for its requests. */
  private String path(Cause cause, int i) {
    return switch (cause) {
      case LINKED, LOW_64_BITS_ONLY, REGENERATED_PARENT, SHARED_SPAN_ID -> "/cart/" + i;
      case HEADER_STRIPPED_WITH_SESSION -> "/profile/" + i;
      case HEADER_STRIPPED_ALONE -> "/search/" + word(i);
      case HEADER_STRIPPED_SEEN_IN_RESPONSE -> "/checkout/" + word(i);
      case CORS_BLOCKED -> "/upload/" + word(i);
      case DOCUMENT_BY_RESPONSE -> "/page/" + word(i);
      default -> "/feed/" + word(i);
    };
  }

  private FormatPlan plan(Cause cause) {
    while (true) {
      FormatPlan plan = pick(FormatPlan.values());
      if (cause == Cause.LOW_64_BITS_ONLY && !plan.isSixtyFourBit()) continue;
      return plan;
    }
  }

  private Arrival arrival(Cause cause) {
    while (true) {
      Arrival arrival = pick(Arrival.values());
      if (arrival == Arrival.BACKEND_HOURS_LATER && !cause.linksByIds()) continue;
      return arrival;
    }
  }

  private Duplicate duplicate(Cause cause) {
    if (random.nextBoolean()) return Duplicate.NONE;
    while (true) {
      Duplicate d = pick(Duplicate.values());
      boolean copyable = cause == Cause.LINKED || cause == Cause.LOW_64_BITS_ONLY || cause == Cause.REGENERATED_PARENT;
      if (d == Duplicate.SPAN_UNDER_NEW_ID && !copyable) continue;
      return d;
    }
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private long uniform(long from, long to) {
    return from + (long) (random.nextDouble() * (to - from));
  }

  private SpanId spanId() {
    return SpanId.of(random.nextLong() | 1);
  }

  /** Letters only and never all hex, so folding keeps each request's endpoint its own. */
  private String word(int i) {
    StringBuilder out = new StringBuilder("w").append(runId.replaceAll("[^a-f]", "x"));
    for (int n = i + 1; n > 0; n /= 26) out.append((char) ('a' + n % 26));
    return out.toString();
  }

  private static String service(int index) {
    return "svc-" + index;
  }

  private static String downstream(int index) {
    return "svc-" + index + "-db";
  }

  private static Resource resource(String service) {
    return Resource.of(Attributes.builder().put("service.name", service).build());
  }
}
