package dev.tracebridge.rum.guance;

import dev.tracebridge.core.rum.ResourceTiming;
import dev.tracebridge.rum.batch.JsonBatchReader;
import dev.tracebridge.rum.batch.ResourcePhases;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Guance's resource phases: string fields holding JSON {@code {"duration":ns,"start":ns}}, start relative
 * to the resource's start ({@code resource_dns_time}, {@code resource_connect_time}, {@code
 * resource_ssl_time}, {@code resource_first_byte_time}, {@code resource_download_time}, {@code
 * resource_redirect_time}; datakit-js {@code resourceUtils.js formatTiming}). The older duration-only
 * fields ({@code resource_dns}, {@code resource_tcp}, {@code resource_ttfb}...) cannot be placed on the
 * timeline and stay attributes. A phase that does not parse stays an attribute too.
 */
final class GuanceResourceTiming {

  private GuanceResourceTiming() {}

  static @Nullable ResourceTiming take(GuanceFields f) {
    ResourcePhases phases = new ResourcePhases();
    phase(f, "resource_redirect_time", phases::redirect);
    phase(f, "resource_dns_time", phases::dns);
    phase(f, "resource_connect_time", phases::connect);
    phase(f, "resource_ssl_time", phases::ssl);
    phase(f, "resource_first_byte_time", phases::firstByte);
    phase(f, "resource_download_time", phases::download);
    return phases.toTiming();
  }

  private static void phase(GuanceFields f, String name, BiConsumer<Long, Long> apply) {
    String json = f.peekText(name);
    if (json == null) return;
    JsonNode node;
    try {
      node = JsonBatchReader.JSON.readTree(json);
    } catch (JacksonException e) {
      return;
    }
    if (node == null || !node.isObject()) return;
    JsonNode start = node.get("start");
    JsonNode duration = node.get("duration");
    if (!isNonNegative(start) || !isNonNegative(duration)) return;
    f.text(name);
    apply.accept(Math.round(start.doubleValue()), Math.round(duration.doubleValue()));
  }

  private static boolean isNonNegative(@Nullable JsonNode node) {
    return node != null && node.isNumber() && node.doubleValue() >= 0 && node.doubleValue() < Long.MAX_VALUE;
  }
}
