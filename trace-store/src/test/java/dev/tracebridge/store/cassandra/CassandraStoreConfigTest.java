package dev.tracebridge.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CassandraStoreConfigTest {
  private static final List<InetSocketAddress> LOCAL = List.of(new InetSocketAddress("127.0.0.1", 9042));

  @Test
  void defaults_fitTheEmbeddedNode() {
    CassandraStoreConfig config = CassandraStoreConfig.of(LOCAL, "datacenter1");

    assertThat(config.keyspace()).isEqualTo("tracebridge");
    assertThat(config.replication()).isEqualTo("{'class':'SimpleStrategy','replication_factor':1}");
    assertThat(config.applySchema()).isTrue();
    assertThat(config.writeConsistency()).isEqualTo("ONE");
    assertThat(config.maxInFlightWrites()).isEqualTo(1024);
    assertThat(config.retention()).isEqualTo(Duration.ofDays(7));
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void contactPoints_parsedAsUsersTypeThem() {
    assertThat(CassandraStoreConfig.parseContactPoints(" db1:9043, 10.0.0.2 ,[::1]:9044"))
        .extracting(InetSocketAddress::getHostString, InetSocketAddress::getPort)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("db1", 9043),
            org.assertj.core.groups.Tuple.tuple("10.0.0.2", 9042),
            org.assertj.core.groups.Tuple.tuple("[::1]", 9044));
  }

  @Test
  void badContactPoint_namesIt() {
    assertThatThrownBy(() -> CassandraStoreConfig.parseContactPoints("db1:9042,db2:port"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cassandra contact point: 'db2:port' (expected: host:port, such as 127.0.0.1:9042)");
    assertThatThrownBy(() -> CassandraStoreConfig.parseContactPoints(" , "))
        .hasMessage("cassandra contact points: ' , ' (expected: host:port[,host:port...])");
  }

  @Test
  void consistency_isNormalisedAndChecked() {
    assertThat(CassandraStoreConfig.builder().contactPoints(LOCAL).writeConsistency(" local_quorum ").build()
        .writeConsistency()).isEqualTo("LOCAL_QUORUM");
    assertThatThrownBy(() -> CassandraStoreConfig.builder().contactPoints(LOCAL).writeConsistency("MOST").build())
        .hasMessageStartingWith("writeConsistency: 'MOST' (expected: ONE, LOCAL_ONE, LOCAL_QUORUM");
  }

  @Test
  void invalidValues_failNamingTheField() {
    CassandraStoreConfig.Builder valid = CassandraStoreConfig.builder().contactPoints(LOCAL);

    assertThatThrownBy(() -> valid.maxInFlightWrites(0).build())
        .hasMessage("maxInFlightWrites: 0 (expected: > 0)");
    assertThatThrownBy(() -> CassandraStoreConfig.builder().contactPoints(LOCAL).keyspace("trace-bridge").build())
        .hasMessageStartingWith("keyspace: 'trace-bridge' (expected: a letter");
    assertThatThrownBy(() -> CassandraStoreConfig.builder().contactPoints(LOCAL).replication("{'a':1}; DROP").build())
        .hasMessageStartingWith("replication: ");
    assertThatThrownBy(() -> CassandraStoreConfig.builder().contactPoints(LOCAL).retention(Duration.ofMinutes(5)).build())
        .hasMessage("retention: PT5M (expected: 1 hour to 20 years)");
    assertThatThrownBy(() -> CassandraStoreConfig.builder().contactPoints(LOCAL).requestTimeout(Duration.ZERO).build())
        .hasMessage("requestTimeout: PT0S (expected: > 0)");
    assertThatThrownBy(() -> CassandraStoreConfig.builder().build())
        .hasMessage("contactPoints: empty (expected: at least one host:port)");
  }
}
