package dev.tracebridge.api.ingest;

import static java.util.Objects.requireNonNull;

import dev.tracebridge.core.ingest.IngestRefusedException;
import dev.tracebridge.core.ingest.SpanBudget;
import java.time.Duration;

/**
 * One admitted OTLP export's share of its client's span limit ({@link ClientSpanLimiter}). The receiver
 * charges the decoded spans here; the transport that answers the export asks {@link #refused()} afterwards,
 * so that it counts the refusal as the span limit's rather than by the status the client saw (a 429 or
 * RESOURCE_EXHAUSTED also answers a store that is overloaded).
 */
public final class ClientSpanBudget implements SpanBudget {
  /** For requests no span limit applies to: it charges nothing, so it is never refused and may be shared. */
  static final ClientSpanBudget UNLIMITED = new ClientSpanBudget(new ClientSpanLimiter(0, () -> 0), "", "");

  private final ClientSpanLimiter limiter;
  private final String client;
  private final String clientName;
  /** Written by the thread that decoded the export, read by the one that answers it. */
  private volatile boolean refused;

  /**
   * @param client the bucket's name: {@code key:<fingerprint>} or {@code address:<address>}
   * @param clientName the client as a refusal message names it; never the key itself
   */
  ClientSpanBudget(ClientSpanLimiter limiter, String client, String clientName) {
    this.limiter = requireNonNull(limiter, "limiter");
    this.client = requireNonNull(client, "client");
    this.clientName = requireNonNull(clientName, "clientName");
  }

  @Override
  public void charge(int spans) {
    Duration wait = limiter.tryCharge(client, spans);
    if (wait == null) return;
    refused = true;
    throw new IngestRefusedException(IngestRefusedException.Reason.OVERLOADED, wait,
        "spans per second: an export of " + spans + " spans is above the per-client limit of "
            + decimal(limiter.perSecond()) + " for " + clientName
            + " (tracebridge.ingest.per-client-spans-per-second; retry after the indicated delay)");
  }

  /** True once a charge was refused: the export was answered 429 / RESOURCE_EXHAUSTED and stored nothing. */
  public boolean refused() {
    return refused;
  }

  /** 5000 rather than 5000.0, as the operator wrote it. */
  private static String decimal(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
