package dev.tracebridge.rum.headers;

import dev.tracebridge.core.rum.PropagatedContext;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One header format. Returns null when the format is absent or malformed; malformed adds an error. */
interface FormatParser {

  @Nullable PropagatedContext parse(RequestHeaders headers, List<String> errors);
}
