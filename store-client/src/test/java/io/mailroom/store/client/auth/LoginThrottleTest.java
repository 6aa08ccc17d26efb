package io.mailroom.store.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private static final LoginThrottle.Policy IMAP_LIKE =
      new LoginThrottle.Policy(
          3, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(15));

  private final MutableClock clock = new MutableClock();

  @Test
  void freeFailuresAreAnsweredAtOnceThenTheDelayDoublesUpToTheCap() {
    var throttle = new LoginThrottle(IMAP_LIKE, clock);

    for (int i = 0; i < 3; i++) {
      assertThat(throttle.failed("mallory", "10.0.0." + i)).isZero();
    }
    assertThat(throttle.failed("mallory", "10.0.0.3")).isEqualTo(Duration.ofMillis(200));
    assertThat(throttle.failed("mallory", "10.0.0.4")).isEqualTo(Duration.ofMillis(400));
    assertThat(throttle.failed("mallory", "10.0.0.5")).isEqualTo(Duration.ofMillis(800));
    assertThat(throttle.failed("mallory", "10.0.0.6")).isEqualTo(Duration.ofSeconds(1));
    for (int i = 0; i < 40; i++) {
      assertThat(throttle.failed("mallory", "10.0.1." + i)).isEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void withoutFreeFailuresTheFirstFailureWaitsTheBaseDelay() {
    var pop3Like =
        new LoginThrottle.Policy(
            0, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofHours(1));
    var throttle = new LoginThrottle(pop3Like, clock);

    assertThat(throttle.failed("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
    assertThat(throttle.failed("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void manyAccountsFromOneAddressAreSlowedButOtherAddressesAreNot() {
    var throttle = new LoginThrottle(IMAP_LIKE, clock);

    for (int i = 0; i < 3; i++) {
      assertThat(throttle.failed("guest" + i, "10.0.0.1")).isZero();
    }
    assertThat(throttle.failed("guest3", "10.0.0.1")).isEqualTo(Duration.ofMillis(200));
    assertThat(throttle.failed("guest4", "10.0.0.2")).as("another address").isZero();
    assertThat(throttle.failures("guest9", "10.0.0.1")).isEqualTo(4);
  }

  @Test
  void accountsAreCountedWhateverTheirCase() {
    var throttle = new LoginThrottle(IMAP_LIKE, clock);

    throttle.failed("Alice", "10.0.0.1");
    throttle.failed("ALICE", "10.0.0.2");

    assertThat(throttle.failures("alice", "10.0.0.3")).isEqualTo(2);
  }

  @Test
  void aCorrectPasswordClearsTheAccountButNotTheAddress() {
    var throttle = new LoginThrottle(IMAP_LIKE, clock);
    for (int i = 0; i < 5; i++) {
      throttle.failed("alice", "10.0.0.1");
    }

    throttle.succeeded("alice");

    assertThat(throttle.failures("alice", "10.0.0.2")).isZero();
    assertThat(throttle.failures("bob", "10.0.0.1")).isEqualTo(5);
  }

  @Test
  void aKeyIsForgottenAfterAQuietWindowButNotWhileGuessesKeepComing() {
    var throttle = new LoginThrottle(IMAP_LIKE, clock);
    for (int i = 0; i < 4; i++) {
      throttle.failed("alice", "10.0.0.1");
    }

    clock.advance(Duration.ofMinutes(14));
    assertThat(throttle.failed("alice", "10.0.0.1"))
        .as("one guess inside the window keeps the count")
        .isEqualTo(Duration.ofMillis(400));

    clock.advance(Duration.ofMinutes(16));
    assertThat(throttle.failures("alice", "10.0.0.1")).isZero();
    assertThat(throttle.failed("alice", "10.0.0.1")).isZero();
  }

  @Test
  void aSaslMessageWithoutAnAccountCountsForTheAddressOnly() {
    var throttle = new LoginThrottle(IMAP_LIKE, clock);

    throttle.failed("", "10.0.0.1");
    throttle.failed("", "10.0.0.2");

    assertThat(throttle.failures("", "10.0.0.3")).isZero();
    assertThat(throttle.failures("x", "10.0.0.1")).isEqualTo(1);
  }

  @Test
  void memoryIsBoundedByEvictingTheQuietestKeysNotTheBusyOnes() {
    var throttle = new LoginThrottle(IMAP_LIKE, clock, 10);
    for (int i = 0; i < 4; i++) {
      throttle.failed("mallory", "10.0.0.1");
    }

    // A flood of made-up names from addresses of their own: 2 keys each, 100 keys in all.
    for (int i = 0; i < 50; i++) {
      throttle.failed("made-up-" + i, "10.9.0." + i);
      throttle.failed("mallory", "10.0.0.1"); // the attacker keeps guessing
    }

    assertThat(throttle.failures("mallory", "10.0.0.1")).isEqualTo(54);
    assertThat(throttle.failures("made-up-0", "10.9.0.0")).as("evicted").isZero();
  }

  @Test
  void aPolicyThatMakesNoSenseIsRefused() {
    assertThatThrownBy(
            () ->
                new LoginThrottle.Policy(
                    -1, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new LoginThrottle.Policy(
                    0, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-12-08T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
