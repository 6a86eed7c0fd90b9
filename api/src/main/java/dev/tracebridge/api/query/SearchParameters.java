package dev.tracebridge.api.query;

import dev.tracebridge.core.search.SearchQuery;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Turns the query string of {@code GET /api/v1/traces} into a {@link SearchQuery}. Every mistake is a
 * {@link BadParameterException} naming the parameter; unknown parameters are refused too, because a
 * misspelt filter that is silently ignored returns traces the user did not ask for.
 */
final class SearchParameters {
  static final String ATTRIBUTE_PREFIX = "attr.";
  static final Set<String> NAMES = Set.of("service", "operation", "start", "end", "minDuration", "maxDuration",
      "error", "httpStatus", "app", "session", "view", "url", "limit", "pageToken");
  /** A search by service or URL reads hourly index partitions: an hour back is the useful default. */
  static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);
  private static final int MIN_HTTP_STATUS = 100;
  private static final int MAX_HTTP_STATUS = 599;

  private SearchParameters() {}

  /** The parsed search and its paging. */
  record Parsed(SearchQuery query, int limit, @Nullable PageToken pageToken) {}

  static Parsed parse(Map<String, String[]> parameters, Clock clock) {
    Set<String> unknown = new TreeSet<>();
    for (String name : parameters.keySet()) {
      if (!NAMES.contains(name) && !(name.startsWith(ATTRIBUTE_PREFIX) && name.length() > ATTRIBUTE_PREFIX.length())) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      String first = unknown.iterator().next();
      throw new BadParameterException(first, "unknown parameter" + (unknown.size() > 1 ? "s " : " ") + unknown
          + " (expected: " + new TreeSet<>(NAMES) + " or attr.<key>)");
    }
    String service = text(parameters, "service");
    String operation = text(parameters, "operation");
    String app = text(parameters, "app");
    String session = text(parameters, "session");
    String view = text(parameters, "view");
    String url = text(parameters, "url");
    if (operation != null && service == null) {
      throw new BadParameterException("operation", "operation: '" + operation + "' (expected: with service=)");
    }
    if ((session != null || view != null || url != null) && app == null) {
      throw new BadParameterException("app", "app: missing (expected: with session=, view= or url=, which"
          + " belong to one RUM application)");
    }
    if (service == null && session == null && view == null && url == null) {
      throw new BadParameterException("service", "service, session, view, url: all missing (expected: at"
          + " least one; the store searches by one of them and checks the rest on each trace)");
    }
    long now = clock.millis() * 1_000_000L;
    long end = QueryTimes.instant("end", text(parameters, "end"), now);
    boolean unbounded = session != null || view != null;
    long start = QueryTimes.instant("start", text(parameters, "start"),
        unbounded ? 0 : end - DEFAULT_LOOKBACK.toNanos());
    if (end < start) {
      throw new BadParameterException("end", "end: before start (expected: end >= start)");
    }
    Long minDuration = QueryTimes.duration("minDuration", text(parameters, "minDuration"));
    Long maxDuration = QueryTimes.duration("maxDuration", text(parameters, "maxDuration"));
    if (minDuration != null && maxDuration != null && maxDuration < minDuration) {
      throw new BadParameterException("maxDuration", "maxDuration: shorter than minDuration (expected: >= it)");
    }
    int limit = integer(parameters, "limit", SearchQuery.DEFAULT_LIMIT, 1, SearchPaging.MAX_PAGE_SIZE);
    Integer httpStatus = text(parameters, "httpStatus") == null ? null
        : integer(parameters, "httpStatus", 0, MIN_HTTP_STATUS, MAX_HTTP_STATUS);
    SearchQuery.Builder query = SearchQuery.builder(start, end).service(service).operation(operation)
        .minDurationNanos(minDuration).maxDurationNanos(maxDuration).errorsOnly(bool(parameters, "error"))
        .httpStatus(httpStatus).appId(app).sessionId(session).viewId(view).urlPattern(url).limit(limit);
    parameters.forEach((name, values) -> {
      if (name.startsWith(ATTRIBUTE_PREFIX) && values.length > 0) {
        query.attribute(name.substring(ATTRIBUTE_PREFIX.length()), values[0]);
      }
    });
    return new Parsed(query.build(), limit, PageToken.parse(text(parameters, "pageToken")));
  }

  static @Nullable String text(Map<String, String[]> parameters, String name) {
    String[] values = parameters.get(name);
    if (values == null || values.length == 0 || values[0].isBlank()) return null;
    return values[0].strip();
  }

  static int integer(Map<String, String[]> parameters, String name, int fallback, int min, int max) {
    String text = text(parameters, name);
    if (text == null) return fallback;
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) return value;
    } catch (NumberFormatException e) {
      // Answered below, with the range the parameter takes.
    }
    throw new BadParameterException(name, name + ": '" + QueryTimes.abbreviate(text) + "' (expected: an integer from "
        + min + " to " + max + ")");
  }

  static boolean bool(Map<String, String[]> parameters, String name) {
    String text = text(parameters, name);
    if (text == null) return false;
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw new BadParameterException(name, name + ": '" + QueryTimes.abbreviate(text)
          + "' (expected: true or false)");
    };
  }
}
