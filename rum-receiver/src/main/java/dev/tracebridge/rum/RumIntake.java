package dev.tracebridge.rum;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.ingest.IngestReceipt;
import dev.tracebridge.core.ingest.IngestRefusedException;
import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.core.ingest.TelemetrySink;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumView;
import dev.tracebridge.rum.batch.BatchEvent;
import dev.tracebridge.rum.batch.DecodeLimits;
import dev.tracebridge.rum.batch.DecodedBatch;
import dev.tracebridge.rum.batch.EventRejection;
import dev.tracebridge.rum.batch.RejectedBatchException;
import dev.tracebridge.rum.batch.RumBatchDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What every RUM endpoint does around its decoder: refuse what is not allowed, keep the valid events of
 * a mixed batch, bound the rate per app, and answer success only once the sink's stage completed (DESIGN.md
 * invariant 3). Bad client input gets a 4xx problem body, never a stack trace; any failure of the sink is
 * retryable from the client's view and gets 429 or 503 with Retry-After.
 */
final class RumIntake {
  /** Retry-After for a sink failure that is not an {@link IngestRefusedException}: a store restart's worth. */
  static final Duration UNKNOWN_FAILURE_RETRY_AFTER = Duration.ofSeconds(5);
  private static final String POST = "POST";

  private final TelemetrySink sink;
  private final RumIntakeSettings settings;
  private final RumBatchDecoder decoder;
  private final DecodeLimits limits;
  private final @Nullable AppRateLimiter rateLimiter;

  RumIntake(TelemetrySink sink, RumIntakeSettings settings, RumBatchDecoder decoder, LongSupplier nanoClock) {
    this.sink = requireNonNull(sink, "sink");
    this.settings = requireNonNull(settings, "settings");
    this.decoder = requireNonNull(decoder, "decoder");
    this.limits = new DecodeLimits(settings.maxEventsPerBatch(), settings.maxDecompressedBytes());
    this.rateLimiter = settings.rateLimited()
        ? new AppRateLimiter(settings.perAppEventsPerSecond(), requireNonNull(nanoClock, "nanoClock")) : null;
  }

  CompletionStage<IngestResponse> handle(IngestRequest request) {
    requireNonNull(request, "request");
    if (!POST.equals(request.method())) {
      return done(IntakeResponses.problem(IntakeResponses.METHOD_NOT_ALLOWED, "Method Not Allowed",
          "method: " + request.method() + " (expected: POST)").withHeader("Allow", POST));
    }
    DecodedBatch batch;
    try {
      batch = decoder.decode(request, limits);
    } catch (RejectedBatchException e) {
      String title = e.status() == RejectedBatchException.TOO_LARGE ? "Payload Too Large" : "Bad Request";
      return done(IntakeResponses.problem(e.status(), title, e.getMessage()));
    } catch (RuntimeException e) {
      // A decoder bug must still not become a 5xx or a stack trace for what is, to the client, bad input.
      return done(IntakeResponses.problem(IntakeResponses.BAD_REQUEST, "Bad Request",
          "body: could not be decoded (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")"));
    }

    List<EventRejection> rejections = new ArrayList<>(batch.rejections());
    List<RumEvent> allowed = new ArrayList<>();
    String refusedApp = null;
    for (BatchEvent e : batch.events()) {
      String app = e.event().context().appId();
      if (settings.allows(app, batch.intakeKey())) {
        allowed.add(e.event());
      } else {
        refusedApp = app;
        rejections.add(new EventRejection(e.index(), "app.id: '" + app + "' is not allowed on this intake"));
      }
    }
    rejections.sort((a, b) -> Integer.compare(a.index(), b.index()));
    if (allowed.isEmpty()) return done(withoutEvents(batch, rejections, refusedApp));

    if (rateLimiter != null) {
      Map<String, Integer> perApp = new TreeMap<>();
      allowed.forEach(ev -> perApp.merge(ev.context().appId(), 1, Integer::sum));
      Duration wait = rateLimiter.tryAcquire(perApp);
      if (wait != null) {
        return done(IntakeResponses.retryLater(IntakeResponses.TOO_MANY_REQUESTS, "Too Many Requests",
            "events per second: above " + settings.perAppEventsPerSecond() + " for " + perApp.keySet()
                + " (expected: at most that rate per app; retry after the indicated delay)", wait));
      }
    }

    List<RumEvent> toStore = latestViewCopies(allowed);
    int superseded = allowed.size() - toStore.size();
    CompletionStage<IngestReceipt> stored;
    try {
      stored = requireNonNull(sink.acceptRum(toStore), "sink stage");
    } catch (RuntimeException e) {
      return done(sinkFailure(e));
    }
    return stored.handle((receipt, error) -> {
      if (error != null) return sinkFailure(error);
      if (receipt == null) return sinkFailure(new IllegalStateException("the sink completed without a receipt"));
      List<String> notes = new ArrayList<>(batch.notes());
      if (!receipt.message().isEmpty()) notes.add(receipt.message());
      return IntakeResponses.receipt(receipt.accepted() + superseded, rejections, receipt.rejected(),
          batch.skipped(), batch.notStored(), String.join("; ", notes));
    });
  }

  private static IngestResponse withoutEvents(DecodedBatch batch, List<EventRejection> rejections,
      @Nullable String refusedApp) {
    if (rejections.isEmpty() && (batch.skipped() > 0 || batch.notStored() > 0)) {
      // Only types this intake does not store (Datadog telemetry, Faro logs): nothing is wrong.
      return IntakeResponses.receipt(0, List.of(), 0, batch.skipped(), batch.notStored(),
          String.join("; ", batch.notes()));
    }
    if (rejections.isEmpty()) {
      return IntakeResponses.problem(IntakeResponses.BAD_REQUEST, "Bad Request",
          "body: holds no events (expected: at least one)");
    }
    if (refusedApp != null) {
      return IntakeResponses.problem(IntakeResponses.FORBIDDEN, "Forbidden",
          "app.id: '" + refusedApp + "' is not allowed on this intake", rejections);
    }
    return IntakeResponses.problem(IntakeResponses.BAD_REQUEST, "Bad Request",
        "no valid event in the batch: " + rejections.size() + " rejected", rejections);
  }

  /**
   * SDKs re-send a view whole as it grows; within one batch only the highest document version is worth
   * writing (the store orders copies across batches by the same version).
   */
  private static List<RumEvent> latestViewCopies(List<RumEvent> events) {
    Map<String, RumView> latest = new LinkedHashMap<>();
    for (RumEvent e : events) {
      if (e instanceof RumView v) {
        latest.merge(v.eventId(), v, (a, b) -> b.documentVersion() >= a.documentVersion() ? b : a);
      }
    }
    if (latest.isEmpty()) return events;
    List<RumEvent> out = new ArrayList<>(events.size());
    for (RumEvent e : events) {
      if (!(e instanceof RumView v)) {
        out.add(e);
      } else if (latest.get(v.eventId()) == v) {
        out.add(e);
      }
    }
    return out;
  }

  static IngestResponse sinkFailure(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof IngestRefusedException refused) {
      boolean overloaded = refused.reason() == IngestRefusedException.Reason.OVERLOADED;
      return IntakeResponses.retryLater(
          overloaded ? IntakeResponses.TOO_MANY_REQUESTS : IntakeResponses.SERVICE_UNAVAILABLE,
          overloaded ? "Too Many Requests" : "Service Unavailable",
          "not stored: " + refused.getMessage() + " (retry after the indicated delay)", refused.retryAfter());
    }
    return IntakeResponses.retryLater(IntakeResponses.SERVICE_UNAVAILABLE, "Service Unavailable",
        "not stored: the store did not acknowledge the batch (retry after the indicated delay)",
        UNKNOWN_FAILURE_RETRY_AFTER);
  }

  private static CompletionStage<IngestResponse> done(IngestResponse response) {
    return CompletableFuture.completedFuture(response);
  }
}
