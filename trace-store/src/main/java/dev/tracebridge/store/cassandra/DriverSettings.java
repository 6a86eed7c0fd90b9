package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.time.Duration;
import java.util.List;

/** The driver's configuration, set in code so that the engine needs no application.conf. */
final class DriverSettings {
  /**
   * The driver waits this long for more schema events before refreshing its metadata. Its 1 s default
   * makes applying the schema take seconds (REFERENCE.md §4: 4.7 s against 0.6 s); the engine issues DDL
   * only at startup, so a short window costs nothing afterwards.
   */
  static final Duration SCHEMA_DEBOUNCE_WINDOW = Duration.ofMillis(10);
  /** First retry of a lost node: soon, since a restarted embedded node is back within seconds. */
  static final Duration RECONNECT_BASE_DELAY = Duration.ofSeconds(1);
  /**
   * The driver's 60 s default would leave the engine refusing writes for up to a minute after
   * Cassandra came back; the engine must recover by itself, and soon.
   */
  static final Duration RECONNECT_MAX_DELAY = Duration.ofSeconds(10);

  /**
   * Requests the driver sends on one connection at once: the protocol's most (v3 and later). The store's
   * own bound counts write requests (an export is ~20-30 statements, CassandraStoreConfig#maxInFlightWrites
   * exports at most), and the driver's default of 1,024 would refuse statements of admitted exports.
   */
  static final int MAX_REQUESTS_PER_CONNECTION = 32_768;

  private DriverSettings() {}

  static DriverConfigLoader of(CassandraStoreConfig config) {
    return DriverConfigLoader.programmaticBuilder()
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, config.requestTimeout())
        .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, MAX_REQUESTS_PER_CONNECTION)
        .withString(DefaultDriverOption.REQUEST_CONSISTENCY, config.writeConsistency())
        .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, SCHEMA_DEBOUNCE_WINDOW)
        // Only our keyspace's metadata is needed (to validate the tables); skipping the others keeps
        // refreshes cheap on a shared cluster.
        .withStringList(DefaultDriverOption.METADATA_SCHEMA_REFRESHED_KEYSPACES, List.of(config.keyspace()))
        .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, RECONNECT_BASE_DELAY)
        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, RECONNECT_MAX_DELAY)
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, config.requestTimeout())
        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, SchemaInstaller.DDL_TIMEOUT)
        .build();
  }
}
