package io.mailroom.store.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedPasswordsTest {
  private static final String HASH = "$2a$10$abcdefghijklmnopqrstuuJ0xkqVvW2mQz4bXx7wQ1p0oZk3Vq1ye";

  @Test
  void rememberedOnlyForTheSameStoredHashAndPassword() {
    var cache = new VerifiedPasswords(100, Duration.ofHours(1));
    cache.remember(HASH, "secret");
    assertThat(cache.contains(HASH, "secret")).isTrue();
    assertThat(cache.contains(HASH, "Secret")).isFalse();
    // A password change stores a new hash (new salt): the old login no longer counts.
    assertThat(cache.contains(HASH.replace('a', 'b'), "secret")).isFalse();
    // The separator keeps hash/password boundaries apart.
    assertThat(cache.contains(HASH + "s", "ecret")).isFalse();
  }

  @Test
  void forgottenAfterItsTimeToLive() {
    AtomicLong nanos = new AtomicLong();
    var cache = new VerifiedPasswords(100, Duration.ofMinutes(5), nanos::get);
    cache.remember(HASH, "secret");
    nanos.addAndGet(Duration.ofMinutes(4).toNanos());
    assertThat(cache.contains(HASH, "secret")).isTrue();
    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    assertThat(cache.contains(HASH, "secret")).isFalse();
  }

  @Test
  void sizeZeroRemembersNothing() {
    var cache = new VerifiedPasswords(0, Duration.ofHours(1));
    cache.remember(HASH, "secret");
    assertThat(cache.contains(HASH, "secret")).isFalse();
  }
}
