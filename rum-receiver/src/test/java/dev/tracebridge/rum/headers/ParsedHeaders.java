package dev.tracebridge.rum.headers;

import dev.tracebridge.core.rum.PropagatedContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Runs one format parser over raw headers, collecting what it reported. */
final class ParsedHeaders {
  final List<String> errors = new ArrayList<>();
  final @Nullable PropagatedContext context;

  ParsedHeaders(FormatParser parser, Map<String, String> raw) {
    context = parser.parse(RequestHeaders.of(raw, errors), errors);
  }
}
