package io.mailroom.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final LoginThrottle throttle =
      new LoginThrottle(
          clock, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(15));

  @Test
  void delayDoublesPerAccountUpToTheCap() {
    assertThat(throttle.failed("alice", "10.0.0.1")).hasSeconds(1);
    assertThat(throttle.failed("alice", "10.0.0.2")).hasSeconds(2);
    assertThat(throttle.failed("Alice", "10.0.0.3")).hasSeconds(4);
    assertThat(throttle.failed("alice", "10.0.0.4")).hasSeconds(8);
    assertThat(throttle.failed("alice", "10.0.0.5")).hasSeconds(8);
  }

  @Test
  void oneAddressGuessingManyAccountsIsSlowedToo() {
    throttle.failed("a", "10.0.0.9");
    throttle.failed("b", "10.0.0.9");
    assertThat(throttle.failed("c", "10.0.0.9")).hasSeconds(4);
  }

  @Test
  void successClearsTheAccountAndQuietTimeClearsEverything() {
    throttle.failed("alice", "10.0.0.1");
    throttle.succeeded("alice");
    assertThat(throttle.failures("alice", "10.0.0.2")).isZero();
    assertThat(throttle.failures("bob", "10.0.0.1")).isEqualTo(1);
    now = now.plus(Duration.ofMinutes(16));
    assertThat(throttle.failures("bob", "10.0.0.1")).isZero();
  }
}
