package dev.tracebridge.rum.faro;

import dev.tracebridge.core.ingest.IngestRequest;
import dev.tracebridge.core.rum.RumContext;
import dev.tracebridge.core.rum.RumEvent;
import dev.tracebridge.core.rum.RumResource;
import dev.tracebridge.core.rum.RumView;
import dev.tracebridge.rum.batch.CompressedBody;
import dev.tracebridge.rum.batch.DecodeLimits;
import dev.tracebridge.rum.batch.DecodedBatch;
import dev.tracebridge.rum.batch.InvalidEventException;
import dev.tracebridge.rum.batch.JsonBatchReader;
import dev.tracebridge.rum.batch.RejectedBatchException;
import dev.tracebridge.rum.batch.RumBatchDecoder;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Faro payload. Item indexes in the receipt run over {@code events}, then {@code exceptions}, then
 * {@code measurements}, then {@code logs}; each reason names its list and position. Logs and events other
 * than requests and navigation timings are counted as skipped; the embedded OTLP spans as not stored.
 */
public final class FaroPayloadDecoder implements RumBatchDecoder {
  static final String SESSION_HEADER = "x-faro-session-id";
  static final String API_KEY_HEADER = "x-api-key";

  private final boolean embeddedSpansStored;

  /** A decoder for an intake that leaves the embedded OTLP spans alone (counted as not stored). */
  public FaroPayloadDecoder() {
    this(false);
  }

  /**
   * @param embeddedSpansStored whether the endpoint stores the embedded OTLP spans itself (through
   *     {@link dev.tracebridge.core.ingest.EmbeddedTraces}), so the receipt must not call them unstored
   */
  public FaroPayloadDecoder(boolean embeddedSpansStored) {
    this.embeddedSpansStored = embeddedSpansStored;
  }

  @Override
  public DecodedBatch decode(IngestRequest request, DecodeLimits limits) {
    byte[] body = CompressedBody.plainBytes(request.body(), limits.maxDecompressedBytes());
    JsonNode root;
    try {
      root = JsonBatchReader.JSON.readTree(body);
    } catch (JacksonException e) {
      throw RejectedBatchException.malformed("body: " + JsonBatchReader.describe(e));
    }
    if (root == null || !root.isObject()) {
      throw RejectedBatchException.malformed("body: not a JSON object (expected: Faro's {meta, events, ...})");
    }
    DecodedBatch.Collector batch = DecodedBatch.collector(limits);
    batch.intakeKey(request.header(API_KEY_HEADER));
    FaroMeta meta = FaroMeta.of(root.path("meta"), request.header(SESSION_HEADER));
    FaroBrowserSpans spans = FaroBrowserSpans.read(root.path("traces"));
    FaroPageView page = new FaroPageView();
    int enriched = 0;

    for (JsonNode item : items(root, "events")) {
      Integer index = begin(batch, "events", 0, item);
      if (index == null) continue;
      try {
        String name = item.path("name").asString("");
        if (name.startsWith(FaroItemMapper.TRACING_PREFIX)) {
          RumResource resource = FaroItemMapper.resource((ObjectNode) item, meta.requireContext(), spans);
          if (resource.timing() != null) enriched++;
          page.saw(resource.epochNanos());
          batch.accept(index, resource);
        } else if (name.equals(FaroPageView.NAVIGATION_EVENT) && meta.pageUrl() != null) {
          meta.requireContext();
          page.navigation(item, FaroTime.epochNanos("timestamp", item.path("timestamp").asString(null)));
        } else {
          batch.skip();
        }
      } catch (InvalidEventException e) {
        batch.reject(index, "events[" + index + "]: " + e.getMessage());
      }
    }
    int offset = root.path("events").size();
    for (JsonNode item : items(root, "exceptions")) {
      Integer index = begin(batch, "exceptions", offset, item);
      if (index == null) continue;
      try {
        RumEvent error = FaroItemMapper.exception((ObjectNode) item, meta.requireContext());
        page.saw(error.epochNanos());
        batch.accept(index, error);
      } catch (InvalidEventException e) {
        batch.reject(index, "exceptions[" + (index - offset) + "]: " + e.getMessage());
      }
    }
    offset += root.path("exceptions").size();
    for (JsonNode item : items(root, "measurements")) {
      Integer index = begin(batch, "measurements", offset, item);
      if (index == null) continue;
      try {
        if (FaroPageView.WEB_VITALS.equals(item.path("type").asString("")) && meta.pageUrl() != null) {
          meta.requireContext();
          page.webVitals(item, FaroTime.epochNanos("timestamp", item.path("timestamp").asString(null)));
        } else {
          batch.skip();
        }
      } catch (InvalidEventException e) {
        batch.reject(index, "measurements[" + (index - offset) + "]: " + e.getMessage());
      }
    }
    offset += root.path("measurements").size();
    for (JsonNode item : items(root, "logs")) {
      if (begin(batch, "logs", offset, item) != null) batch.skip();
    }

    RumContext context = meta.context();
    if (context != null) {
      RumView view = page.build(context, meta.pageUrl(), meta.rest());
      if (view != null) batch.accept(batch.next(), view);
    }
    if (spans.count() > 0 && embeddedSpansStored) {
      batch.note(spans.count() + " embedded OTLP spans stored as backend-format spans; their start times "
          + "and Resource Timing were applied to " + enriched + " resources");
    } else if (spans.count() > 0) {
      batch.notStored(spans.count());
      batch.note(spans.count() + " embedded OTLP spans are not stored by this intake (send them to /v1/traces); "
          + "their start times and Resource Timing were applied to " + enriched + " resources");
    }
    return batch.build();
  }

  private static Iterable<JsonNode> items(JsonNode root, String list) {
    JsonNode node = root.path(list);
    if (!node.isMissingNode() && !node.isNull() && !node.isArray()) {
      throw RejectedBatchException.malformed(list + ": not an array (expected: a list of items)");
    }
    return node;
  }

  /** Counts the item; a non-object is rejected at once and returns null. */
  private static @Nullable Integer begin(DecodedBatch.Collector batch, String list, int offset, JsonNode item) {
    int index = batch.next();
    if (item.isObject()) return index;
    batch.reject(index, list + "[" + (index - offset) + "]: "
        + item.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " (expected: an object)");
    return null;
  }

}
