package dev.tracebridge.api.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the engine, under {@code tracebridge.*}. Defaults are for one machine: everything
 * binds to loopback and Cassandra runs embedded under {@code ./data}. docs/configuration.md lists them.
 *
 * @param bindAddress address every port binds to; loopback by default so a first run exposes nothing
 * @param dataDir where the embedded Cassandra keeps its data, config and logs
 * @param storage {@code cassandra} (durable, the default) or {@code memory} (for trying the API only:
 *     nothing survives a restart)
 */
@ConfigurationProperties("tracebridge")
public record TracebridgeProperties(
    @DefaultValue("127.0.0.1") String bindAddress,
    @DefaultValue("./data") Path dataDir,
    @DefaultValue("cassandra") String storage,
    @DefaultValue Ingest ingest,
    @DefaultValue Rum rum,
    @DefaultValue Propagation propagation,
    @DefaultValue Grpc grpc,
    @DefaultValue Cassandra cassandra,
    @DefaultValue Embedded embedded) {

  /**
   * The ingest HTTP port (OTLP/HTTP and RUM intakes).
   *
   * @param maxBodySize largest request body accepted before decompression; larger answers 413
   * @param allowedOrigins origins a browser may send telemetry from; {@code *} allows any, which suits
   *     an ingest port that takes no credentials
   * @param keys ingest keys per app ({@code tracebridge.ingest.keys.<app>=<key>[,<key>...]}); when any is
   *     set, every OTLP and RUM request must present one (401 / UNAUTHENTICATED otherwise), and RUM data
   *     sent with a key cannot claim another app. Empty (the default) requires no key
   * @param perClientRequestsPerSecond OTLP export requests per second one client (key, or remote address
   *     without keys) may send, in bursts of up to one second's worth; 0 (the default) = unlimited. Beyond
   *     it, 429 / RESOURCE_EXHAUSTED with a retry delay
   * @param perClientSpansPerSecond spans in OTLP exports per second one client may send, charged per export
   *     once it is decoded, in bursts of up to one second's worth; an export larger than that passes when the
   *     client's budget is full and puts it in debt. 0 (the default) = unlimited. Beyond it, the whole export
   *     is refused with 429 / RESOURCE_EXHAUSTED and a retry delay
   */
  public record Ingest(
      @DefaultValue("4318") int port,
      @DefaultValue("16MB") DataSize maxBodySize,
      @DefaultValue("*") List<String> allowedOrigins,
      @DefaultValue Map<String, List<String>> keys,
      @DefaultValue("0") double perClientRequestsPerSecond,
      @DefaultValue("0") double perClientSpansPerSecond) {

    @Override
    public String toString() {
      // Never let a key reach a log line through a bound-properties dump.
      return "Ingest[port=" + port + ", maxBodySize=" + maxBodySize + ", allowedOrigins=" + allowedOrigins
          + ", keys=<" + keys.size() + " apps>, perClientRequestsPerSecond=" + perClientRequestsPerSecond
          + ", perClientSpansPerSecond=" + perClientSpansPerSecond + "]";
    }
  }

  /**
   * The RUM intakes.
   *
   * @param allowedApps application ids (or Datadog client tokens) accepted; empty accepts every app, as
   *     DataKit does without an allow-list
   * @param perAppEventsPerSecond events per second one app may send; 0 = unlimited. Beyond it the
   *     intake answers 429 with Retry-After
   * @param maxEventsPerBatch events in one request; more answers 413
   * @param maxDecompressedSize largest body after decompression (a zlib bomb answers 413)
   */
  public record Rum(
      @DefaultValue List<String> allowedApps,
      @DefaultValue("0") double perAppEventsPerSecond,
      @DefaultValue("1000") int maxEventsPerBatch,
      @DefaultValue("8MB") DataSize maxDecompressedSize) {}

  /**
   * Propagation-health verdicts (docs/propagation-health.md).
   *
   * @param gracePeriod how long a traced browser request stays {@code pending} before it is decided:
   *     batch exporters deliver backend spans seconds to minutes late
   * @param checkInterval how often this node looks for requests whose grace period has passed; any
   *     number of nodes may run it, they decide the same verdicts
   */
  public record Propagation(
      @DefaultValue("2m") Duration gracePeriod,
      @DefaultValue("30s") Duration checkInterval) {}

  /** OTLP/gRPC. */
  public record Grpc(@DefaultValue("4317") int port) {}

  /**
   * Cassandra. With no contact points the engine starts its own embedded node.
   *
   * @param contactPoints {@code host:port} of an existing cluster's nodes; empty = embedded node
   * @param replication CQL replication map used when the engine creates the keyspace
   * @param writeConsistency ONE for the single embedded node; LOCAL_QUORUM for a real cluster
   * @param maxInFlightWrites writes outstanding at once; past it ingest answers 429 instead of queueing
   * @param requestTimeout how long a write may wait for Cassandra before the client hears 503; below the
   *     10 s OpenTelemetry exporters wait, so that they get a retryable answer rather than a time-out
   */
  public record Cassandra(
      @DefaultValue List<String> contactPoints,
      @DefaultValue("datacenter1") String localDatacenter,
      @DefaultValue("tracebridge") String keyspace,
      @DefaultValue("{'class': 'SimpleStrategy', 'replication_factor': 1}") String replication,
      @DefaultValue("true") boolean applySchema,
      @DefaultValue("ONE") String writeConsistency,
      @DefaultValue("1024") int maxInFlightWrites,
      @DefaultValue("7d") Duration retention,
      @DefaultValue("5s") Duration requestTimeout) {}

  /**
   * The embedded node. Its ports differ from Cassandra's usual 9042/7000 so that it never collides
   * with a Cassandra the user already runs on this machine.
   *
   * @param libDir the jars of cassandra-all, collected by the build (kept off the engine's classpath);
   *     empty = the {@code tracebridge.cassandra.lib} system property the launcher sets
   * @param java the java executable for the node; empty = the engine's own (Cassandra 5 needs 11 or 17)
   * @param maxRestarts restarts in a row of a node that died on its own (1 s, 2 s, 4 s ... 30 s apart)
   *     before the engine gives up and leaves it down; 0 never restarts. Ten minutes up resets the count
   */
  public record Embedded(
      @DefaultValue("9142") int cqlPort,
      @DefaultValue("7100") int storagePort,
      @DefaultValue("512m") String heap,
      @DefaultValue("") String libDir,
      @DefaultValue("") String java,
      @DefaultValue("120s") Duration startTimeout,
      @DefaultValue("5") int maxRestarts) {}
}
