package dev.tracebridge.store.cassandra;

import static java.util.Objects.requireNonNull;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the store reaches Cassandra and how it writes.
 *
 * @param contactPoints nodes to connect to first; the driver discovers the rest of the cluster
 * @param localDatacenter the datacenter whose nodes serve requests ({@code datacenter1} for the
 *     embedded node and for any cluster using SimpleSnitch)
 * @param keyspace where the tables live
 * @param replication the keyspace's replication as a CQL map, used only when the store creates it
 * @param applySchema whether the store may create the keyspace and apply missing schema versions; when
 *     false it only checks that the tables exist
 * @param writeConsistency the consistency of writes and reads ({@code ONE} for the single embedded node,
 *     {@code LOCAL_QUORUM} for a cluster: with replication factor 3 that survives one node down and
 *     reads what was acknowledged)
 * @param maxInFlightWrites write requests (an export's rows, a RUM batch's rows: one each, whatever their
 *     statement count) sent and not yet answered; past it, writes are refused at once as overloaded
 *     instead of queueing without limit (DESIGN.md invariant 4)
 * @param retention how long rows live (their TTL)
 * @param requestTimeout how long one request may take before it fails as unavailable
 */
public record CassandraStoreConfig(
    List<InetSocketAddress> contactPoints,
    String localDatacenter,
    String keyspace,
    String replication,
    boolean applySchema,
    String writeConsistency,
    int maxInFlightWrites,
    Duration retention,
    Duration requestTimeout) {

  public static final int DEFAULT_PORT = 9042;
  public static final String DEFAULT_DATACENTER = "datacenter1";
  public static final String DEFAULT_KEYSPACE = "tracebridge";
  /** One copy: right for the single embedded node, never for a cluster (see docs/operations.md). */
  public static final String DEFAULT_REPLICATION = "{'class':'SimpleStrategy','replication_factor':1}";
  public static final String DEFAULT_WRITE_CONSISTENCY = "ONE";
  /**
   * REFERENCE.md §7: 256 in-flight requests already saturate a co-located node; 1024 leaves room for a
   * cluster while keeping the memory held by pending writes bounded.
   */
  public static final int DEFAULT_MAX_IN_FLIGHT_WRITES = 1024;
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
  /**
   * Above Cassandra's own 2 s write timeout, so the node answers (with a timeout error) before the
   * client gives up, and short enough that an ingest client is told to retry rather than left hanging.
   */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /** Cassandra's own limit on keyspace names. */
  private static final Pattern KEYSPACE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,47}");
  /** Cassandra's largest TTL: 20 years. */
  private static final Duration MAX_RETENTION = Duration.ofSeconds(630_720_000);
  /** Retention below an hour would make the compaction window (retention / 30) meaningless. */
  private static final Duration MIN_RETENTION = Duration.ofHours(1);
  private static final int MAX_PORT = 65_535;

  public CassandraStoreConfig {
    contactPoints = List.copyOf(contactPoints);
    if (contactPoints.isEmpty()) {
      throw new IllegalArgumentException("contactPoints: empty (expected: at least one host:port)");
    }
    requireNonNull(localDatacenter, "localDatacenter");
    requireNonNull(keyspace, "keyspace");
    requireNonNull(replication, "replication");
    requireNonNull(writeConsistency, "writeConsistency");
    requireNonNull(retention, "retention");
    requireNonNull(requestTimeout, "requestTimeout");
    if (!KEYSPACE.matcher(keyspace).matches()) {
      throw new IllegalArgumentException("keyspace: '" + keyspace
          + "' (expected: a letter, then up to 47 letters, digits or underscores)");
    }
    String map = replication.strip();
    if (!map.startsWith("{") || !map.endsWith("}") || map.contains(";")) {
      throw new IllegalArgumentException("replication: '" + replication
          + "' (expected: a CQL map such as " + DEFAULT_REPLICATION + ")");
    }
    writeConsistency = writeConsistency.strip().toUpperCase(Locale.ROOT);
    try {
      DefaultConsistencyLevel.valueOf(writeConsistency);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("writeConsistency: '" + writeConsistency
          + "' (expected: ONE, LOCAL_ONE, LOCAL_QUORUM, QUORUM, EACH_QUORUM or ALL)", e);
    }
    if (maxInFlightWrites < 1) {
      throw new IllegalArgumentException("maxInFlightWrites: " + maxInFlightWrites + " (expected: > 0)");
    }
    if (retention.compareTo(MIN_RETENTION) < 0 || retention.compareTo(MAX_RETENTION) > 0) {
      throw new IllegalArgumentException("retention: " + retention + " (expected: 1 hour to 20 years)");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout: " + requestTimeout + " (expected: > 0)");
    }
  }

  /** Defaults for everything but where to connect. */
  public static CassandraStoreConfig of(List<InetSocketAddress> contactPoints, String localDatacenter) {
    return builder().contactPoints(contactPoints).localDatacenter(localDatacenter).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().contactPoints(contactPoints).localDatacenter(localDatacenter).keyspace(keyspace)
        .replication(replication).applySchema(applySchema).writeConsistency(writeConsistency)
        .maxInFlightWrites(maxInFlightWrites).retention(retention).requestTimeout(requestTimeout);
  }

  /**
   * Parses {@code host:port[,host:port...]} as a user types it ({@code --cassandra=...}); a host without a
   * port gets {@value #DEFAULT_PORT}. Addresses are left unresolved so a name is looked up by the driver
   * when it connects.
   */
  public static List<InetSocketAddress> parseContactPoints(String text) {
    requireNonNull(text, "text");
    List<InetSocketAddress> points = new ArrayList<>();
    for (String part : text.split(",")) {
      String entry = part.strip();
      if (entry.isEmpty()) continue;
      int colon = entry.lastIndexOf(':');
      String host = colon < 0 ? entry : entry.substring(0, colon);
      int port = DEFAULT_PORT;
      if (colon >= 0) {
        try {
          port = Integer.parseInt(entry.substring(colon + 1));
        } catch (NumberFormatException e) {
          port = -1;
        }
      }
      if (host.isEmpty() || port < 1 || port > MAX_PORT) {
        throw new IllegalArgumentException("cassandra contact point: '" + entry
            + "' (expected: host:port, such as 127.0.0.1:9042)");
      }
      points.add(InetSocketAddress.createUnresolved(host, port));
    }
    if (points.isEmpty()) {
      throw new IllegalArgumentException("cassandra contact points: '" + text
          + "' (expected: host:port[,host:port...])");
    }
    return points;
  }

  /** Fills in the defaults of every field but the contact points. */
  public static final class Builder {
    private List<InetSocketAddress> contactPoints = List.of();
    private String localDatacenter = DEFAULT_DATACENTER;
    private String keyspace = DEFAULT_KEYSPACE;
    private String replication = DEFAULT_REPLICATION;
    private boolean applySchema = true;
    private String writeConsistency = DEFAULT_WRITE_CONSISTENCY;
    private int maxInFlightWrites = DEFAULT_MAX_IN_FLIGHT_WRITES;
    private Duration retention = DEFAULT_RETENTION;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

    private Builder() {}

    public Builder contactPoints(List<InetSocketAddress> points) { this.contactPoints = requireNonNull(points, "points"); return this; }
    public Builder localDatacenter(String datacenter) { this.localDatacenter = requireNonNull(datacenter, "datacenter"); return this; }
    public Builder keyspace(String keyspace) { this.keyspace = requireNonNull(keyspace, "keyspace"); return this; }
    public Builder replication(String replication) { this.replication = requireNonNull(replication, "replication"); return this; }
    public Builder applySchema(boolean apply) { this.applySchema = apply; return this; }
    public Builder writeConsistency(String level) { this.writeConsistency = requireNonNull(level, "level"); return this; }
    public Builder maxInFlightWrites(int max) { this.maxInFlightWrites = max; return this; }
    public Builder retention(Duration retention) { this.retention = requireNonNull(retention, "retention"); return this; }
    public Builder requestTimeout(Duration timeout) { this.requestTimeout = requireNonNull(timeout, "timeout"); return this; }

    public CassandraStoreConfig build() {
      return new CassandraStoreConfig(contactPoints, localDatacenter, keyspace, replication, applySchema,
          writeConsistency, maxInFlightWrites, retention, requestTimeout);
    }
  }
}
