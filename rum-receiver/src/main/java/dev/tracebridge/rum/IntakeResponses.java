package dev.tracebridge.rum;

import dev.tracebridge.core.ingest.IngestResponse;
import dev.tracebridge.rum.batch.EventRejection;
import dev.tracebridge.rum.batch.JsonBatchReader;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON an intake answers: RFC 9457 problem details for refusals, a small receipt for success. Both
 * list rejected events as {@code {"index": i, "reason": "..."}} so a client can see what it got wrong.
 */
final class IntakeResponses {
  static final int ACCEPTED = 202;
  static final int BAD_REQUEST = 400;
  static final int FORBIDDEN = 403;
  static final int METHOD_NOT_ALLOWED = 405;
  static final int TOO_MANY_REQUESTS = 429;
  static final int SERVICE_UNAVAILABLE = 503;
  /** A receipt lists at most this many rejections; the count says how many there were in all. */
  static final int MAX_LISTED_ERRORS = 100;
  private static final long MILLIS_PER_SECOND = 1_000;

  private IntakeResponses() {}

  static IngestResponse problem(int status, String title, String detail, List<EventRejection> errors) {
    ObjectNode body = JsonBatchReader.JSON.createObjectNode();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    if (!errors.isEmpty()) body.set("errors", errorArray(errors));
    return IngestResponse.json(status, body.toString());
  }

  static IngestResponse problem(int status, String title, String detail) {
    return problem(status, title, detail, List.of());
  }

  /** A refusal the client should retry: 429 or 503 with Retry-After in whole seconds (at least 1). */
  static IngestResponse retryLater(int status, String title, String detail, Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + MILLIS_PER_SECOND - 1) / MILLIS_PER_SECOND);
    return problem(status, title, detail).withHeader("Retry-After", Long.toString(seconds));
  }

  static IngestResponse receipt(int accepted, List<EventRejection> rejections, int extraRejected, int skipped,
      int notStored, String message) {
    ObjectNode body = JsonBatchReader.JSON.createObjectNode();
    body.put("accepted", accepted);
    body.put("rejected", rejections.size() + extraRejected);
    body.put("skipped", skipped);
    if (notStored > 0) body.put("not_stored", notStored);
    body.set("errors", errorArray(rejections));
    if (!message.isEmpty()) body.put("message", message);
    return IngestResponse.json(ACCEPTED, body.toString());
  }

  private static ArrayNode errorArray(List<EventRejection> errors) {
    ArrayNode array = JsonBatchReader.JSON.createArrayNode();
    for (EventRejection r : errors.subList(0, Math.min(errors.size(), MAX_LISTED_ERRORS))) {
      ObjectNode e = array.addObject();
      e.put("index", r.index());
      e.put("reason", r.reason());
    }
    return array;
  }
}
