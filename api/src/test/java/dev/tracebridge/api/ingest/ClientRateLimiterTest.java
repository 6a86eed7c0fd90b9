package dev.tracebridge.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void oneSecondsWorth_passesThenTheNextWaits() {
    ClientRateLimiter limiter = new ClientRateLimiter(4, now::get);

    for (int i = 0; i < 4; i++) assertThat(limiter.tryAcquire("a")).isNull();
    Duration wait = limiter.tryAcquire("a");

    assertThat(wait).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void clients_haveBucketsOfTheirOwn() {
    ClientRateLimiter limiter = new ClientRateLimiter(1, now::get);

    assertThat(limiter.tryAcquire("a")).isNull();
    assertThat(limiter.tryAcquire("a")).isNotNull();
    assertThat(limiter.tryAcquire("b")).isNull();
  }

  @Test
  void tokensRefill_withTime() {
    ClientRateLimiter limiter = new ClientRateLimiter(2, now::get);
    limiter.tryAcquire("a");
    limiter.tryAcquire("a");
    assertThat(limiter.tryAcquire("a")).isNotNull();

    now.addAndGet(Duration.ofMillis(500).toNanos());

    assertThat(limiter.tryAcquire("a")).isNull();
  }

  @Test
  void zeroRate_admitsEverything() {
    ClientRateLimiter limiter = new ClientRateLimiter(0, now::get);

    for (int i = 0; i < 1_000; i++) assertThat(limiter.tryAcquire("a")).isNull();
  }

  @Test
  void manyIdleClients_areForgottenWithoutChangingAnswers() {
    ClientRateLimiter limiter = new ClientRateLimiter(1, now::get);
    for (int i = 0; i < ClientRateLimiter.MAX_CLIENTS; i++) limiter.tryAcquire("client-" + i);
    now.addAndGet(Duration.ofSeconds(2).toNanos());

    assertThat(limiter.tryAcquire("newcomer")).isNull();
    assertThat(limiter.tryAcquire("client-1")).isNull();
    assertThat(limiter.trackedClients()).isEqualTo(2);
  }

  @Test
  void negativeRate_isRefused() {
    assertThatThrownBy(() -> new ClientRateLimiter(-1, now::get))
        .hasMessage("tracebridge.ingest.per-client-requests-per-second: -1.0 (expected: >= 0, 0 = unlimited)");
  }
}
