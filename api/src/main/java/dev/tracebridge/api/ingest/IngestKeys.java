package dev.tracebridge.api.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The ingest keys an operator configured, each bound to one app. Only SHA-256 digests are kept, so a
 * heap dump or a stray toString never shows a key; a key is looked up by its digest, so the lookup's
 * time says nothing about how much of a guess was right.
 */
public final class IngestKeys {
  /** Enough of a digest to tell keys apart in a log line without making the key guessable from it. */
  private static final int FINGERPRINT_HEX_CHARS = 8;

  /** digest (hex) -> app. */
  private final Map<String, String> appByDigest;

  private IngestKeys(Map<String, String> appByDigest) {
    this.appByDigest = Map.copyOf(appByDigest);
  }

  /** No keys: every request is admitted without one. */
  public static IngestKeys none() {
    return new IngestKeys(Map.of());
  }

  /**
   * Keys per app, as in {@code tracebridge.ingest.keys.<app>=<key>[,<key>...]}; several keys for one app
   * let an operator rotate them.
   */
  public static IngestKeys of(Map<String, List<String>> keysByApp) {
    requireNonNull(keysByApp, "keysByApp");
    Map<String, String> byDigest = new HashMap<>();
    keysByApp.forEach((app, keys) -> {
      if (app.isBlank()) {
        throw new IllegalArgumentException("tracebridge.ingest.keys: an app name is blank (expected: keys.<app>=<key>)");
      }
      for (String key : keys) {
        String trimmed = key.strip();
        if (trimmed.isEmpty()) {
          throw new IllegalArgumentException("tracebridge.ingest.keys." + app + ": an empty key (expected: non-blank)");
        }
        String previous = byDigest.put(digest(trimmed), app);
        if (previous != null && !previous.equals(app)) {
          throw new IllegalArgumentException("tracebridge.ingest.keys: one key is given to two apps, '" + previous
              + "' and '" + app + "' (expected: a key binds to one app)");
        }
      }
    });
    return new IngestKeys(byDigest);
  }

  /** True when keys are configured: then every ingest request must present one. */
  public boolean required() {
    return !appByDigest.isEmpty();
  }

  /** The apps keys are bound to. */
  public Set<String> apps() {
    return Set.copyOf(appByDigest.values());
  }

  /** The app {@code key} is bound to, or null for a key this engine does not know. */
  public @Nullable String appFor(String key) {
    return appByDigest.get(digest(key.strip()));
  }

  /** A short, non-reversible tag for a presented key, for log lines about refused requests. */
  public static String fingerprint(String key) {
    return digest(key.strip()).substring(0, FINGERPRINT_HEX_CHARS);
  }

  @Override
  public String toString() {
    return "IngestKeys[" + appByDigest.size() + " keys for " + apps().size() + " apps]";
  }

  private static String digest(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
