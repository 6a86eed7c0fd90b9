package dev.tracebridge.api.selfmetrics;

/**
 * The {@code reason} label of {@code tracebridge_ingest_rejected_total}: a closed set, so a dashboard can
 * list them. Refusals the engine decides itself (key, per-client rates) are named where they happen;
 * the rest are named by the status the client was answered with.
 */
public final class RejectReason {
  public static final String UNAUTHENTICATED = "unauthenticated";
  public static final String CLIENT_RATE_LIMITED = "client_rate_limited";
  /** An OTLP export whose spans its client's per-client span limit could not pay for. */
  public static final String CLIENT_SPAN_RATE_LIMITED = "client_span_rate_limited";
  public static final String TOO_LARGE = "too_large";
  public static final String INVALID_REQUEST = "invalid_request";
  public static final String APP_NOT_ALLOWED = "app_not_allowed";
  /** 429 from an endpoint: the store's in-flight limit, or a RUM app above its events-per-second. */
  public static final String TOO_MANY_REQUESTS = "too_many_requests";
  public static final String STORAGE_UNAVAILABLE = "storage_unavailable";
  public static final String NOT_FOUND = "not_found";
  public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
  /** An item (span, event) rejected inside a request that was otherwise accepted. */
  public static final String INVALID_ITEM = "invalid_item";
  public static final String OTHER = "other";

  private static final int FIRST_ERROR_STATUS = 400;

  private RejectReason() {}

  /** The reason for an HTTP answer; null for a success. */
  public static @org.jspecify.annotations.Nullable String forHttpStatus(int status) {
    if (status < FIRST_ERROR_STATUS) return null;
    return switch (status) {
      case 400 -> INVALID_REQUEST;
      case 401 -> UNAUTHENTICATED;
      case 403 -> APP_NOT_ALLOWED;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 413 -> TOO_LARGE;
      case 429 -> TOO_MANY_REQUESTS;
      case 503 -> STORAGE_UNAVAILABLE;
      default -> OTHER;
    };
  }

  /** The reason for a gRPC status code's name; null for OK. */
  public static @org.jspecify.annotations.Nullable String forGrpcCode(String code) {
    return switch (code) {
      case "OK" -> null;
      case "INVALID_ARGUMENT" -> INVALID_REQUEST;
      case "UNAUTHENTICATED" -> UNAUTHENTICATED;
      case "PERMISSION_DENIED" -> APP_NOT_ALLOWED;
      case "RESOURCE_EXHAUSTED" -> TOO_MANY_REQUESTS;
      case "UNAVAILABLE" -> STORAGE_UNAVAILABLE;
      default -> OTHER;
    };
  }
}
