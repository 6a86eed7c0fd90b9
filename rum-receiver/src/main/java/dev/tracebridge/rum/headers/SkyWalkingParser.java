package dev.tracebridge.rum.headers;

import dev.tracebridge.core.model.TraceId;
import dev.tracebridge.core.rum.HeaderFormat;
import dev.tracebridge.core.rum.PropagatedContext;
import dev.tracebridge.core.rum.Sampling;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * SkyWalking v3 {@code sw8: sample-traceId-segmentId-spanIndex-service-instance-endpoint-peer}, the ids and
 * names Base64-encoded. The trace id is an opaque string: see the package documentation for when it maps
 * to a {@link TraceId}. SkyWalking's parent reference is segment id plus span index, which has no 64-bit
 * span id, so the context never has one.
 */
final class SkyWalkingParser implements FormatParser {
  static final String HEADER = "sw8";
  private static final int FIELDS = 8;

  @Override
  public @Nullable PropagatedContext parse(RequestHeaders headers, List<String> errors) {
    String value = headers.get(HEADER);
    if (value == null) return null;
    String[] fields = value.split("-", -1);
    if (fields.length != FIELDS) {
      errors.add(HEADER + ": " + HexText.quote(value) + " has " + fields.length
          + " fields (expected: 8, sample-traceId-segmentId-spanIndex-service-instance-endpoint-peer)");
      return null;
    }
    Sampling sampling = switch (fields[0]) {
      case "1" -> Sampling.SAMPLED;
      case "0" -> Sampling.NOT_SAMPLED;
      default -> null;
    };
    if (sampling == null) {
      errors.add(HEADER + ": sample flag " + HexText.quote(fields[0]) + " (expected: 0 or 1)");
      return null;
    }
    String traceId = decode(fields[1]);
    if (traceId == null || traceId.isBlank()) {
      errors.add(HEADER + ": trace id " + HexText.quote(fields[1]) + " (expected: Base64 text)");
      return null;
    }
    if (!LooseTraceIds.isHexish(traceId)) return null;
    TraceId id = LooseTraceIds.traceId(HEADER, traceId, new ArrayList<>());
    return id == null ? null : new PropagatedContext(HeaderFormat.SKYWALKING, id, null, sampling);
  }

  private static @Nullable String decode(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      try {
        return new String(Base64.getUrlDecoder().decode(base64), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException again) {
        return null;
      }
    }
  }
}
