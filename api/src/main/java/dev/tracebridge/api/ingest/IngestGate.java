package dev.tracebridge.api.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits or refuses an ingest request from what it says about itself (key, remote address) before its
 * body is read, for OTLP/HTTP, OTLP/gRPC and the RUM intakes alike. An admitted OTLP export carries its
 * client's {@link ClientSpanBudget}, which the receiver charges once the body is decoded. Keys are never
 * logged: a refused key shows as an 8-hex-digit fingerprint of its digest, at most once a minute per key
 * and client ({@link RefusedKeyLog}).
 */
public final class IngestGate {
  private static final Logger log = LoggerFactory.getLogger(IngestGate.class);

  private final IngestKeys keys;
  private final ClientRateLimiter rateLimiter;
  private final ClientSpanLimiter spanLimiter;
  private final RefusedKeyLog refusedKeys = new RefusedKeyLog(log::info, System::nanoTime);

  public IngestGate(IngestKeys keys, ClientRateLimiter rateLimiter, ClientSpanLimiter spanLimiter) {
    this.keys = requireNonNull(keys, "keys");
    this.rateLimiter = requireNonNull(rateLimiter, "rateLimiter");
    this.spanLimiter = requireNonNull(spanLimiter, "spanLimiter");
  }

  public IngestKeys keys() {
    return keys;
  }

  /**
   * Decides for one request.
   *
   * @param presentedKey the key the request carries ({@link PresentedKey}), or null
   * @param remoteAddress the client's address, the rate limit's client when no keys are configured
   * @param rateLimited whether this endpoint takes part in the per-client request and span limits (OTLP
   *     exports do)
   */
  public Admission admit(@Nullable String presentedKey, String remoteAddress, boolean rateLimited) {
    requireNonNull(remoteAddress, "remoteAddress");
    String app = null;
    if (keys.required()) {
      if (presentedKey == null) {
        return new Admission.Unauthenticated("missing ingest key (tracebridge.ingest.keys is set on this engine;"
            + " send Authorization: Bearer <key> or " + PresentedKey.KEY_HEADER + ": <key>)");
      }
      app = keys.appFor(presentedKey);
      if (app == null) {
        refusedKeys.refused(IngestKeys.fingerprint(presentedKey), remoteAddress);
        return new Admission.Unauthenticated("the ingest key is not one this engine is configured with");
      }
    }
    if (!rateLimited || !(rateLimiter.limited() || spanLimiter.limited())) {
      return new Admission.Admitted(app, ClientSpanBudget.UNLIMITED);
    }
    // One bucket per key, named by its fingerprint so the key itself is not kept; without keys, per address.
    String fingerprint = app != null ? IngestKeys.fingerprint(presentedKey) : null;
    String client = fingerprint != null ? "key:" + fingerprint : "address:" + remoteAddress;
    Duration wait = rateLimiter.tryAcquire(client);
    if (wait != null) {
      return new Admission.RateLimited("requests per second: above the per-client limit for "
          + (app != null ? "a key of app '" + app + "'" : remoteAddress)
          + " (tracebridge.ingest.per-client-requests-per-second; retry after the indicated delay)", wait);
    }
    if (!spanLimiter.limited()) return new Admission.Admitted(app, ClientSpanBudget.UNLIMITED);
    String clientName = fingerprint != null ? "key " + fingerprint + " of app '" + app + "'"
        : "address " + remoteAddress;
    return new Admission.Admitted(app, new ClientSpanBudget(spanLimiter, client, clientName));
  }
}
