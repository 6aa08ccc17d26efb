package io.mailroom.store.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The (stored bcrypt hash, password) pairs this replica has verified lately, so that a client that
 * reconnects all day (Thunderbird opens several connections per account, phones reconnect on every
 * network change) pays bcrypt once per TTL, not once per connection — Dovecot's {@code auth_cache}.
 *
 * <p>The key is an HMAC of the stored hash and the password under a key that lives only in this
 * process, so the cache holds no password and nothing usable outside it. Because the stored hash is
 * part of the key, a password change (a new hash with a new salt) or a removed account misses the
 * cache on every replica at once, with no invalidation message. Failed attempts are never
 * remembered: a wrong password always costs a full bcrypt.
 */
final class VerifiedPasswords {
  /** Null when the cache is off (size 0). About 150 bytes of heap per entry. */
  private final Cache<String, Boolean> verified;

  private final SecretKeySpec key;

  VerifiedPasswords(long maxEntries, Duration timeToLive) {
    this(maxEntries, timeToLive, Ticker.systemTicker());
  }

  VerifiedPasswords(long maxEntries, Duration timeToLive, Ticker clock) {
    this.verified =
        maxEntries <= 0
            ? null
            : Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(timeToLive)
                .ticker(clock)
                .build();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  boolean contains(String storedHash, String password) {
    return verified != null && verified.getIfPresent(keyOf(storedHash, password)) != null;
  }

  void remember(String storedHash, String password) {
    if (verified != null) {
      verified.put(keyOf(storedHash, password), Boolean.TRUE);
    }
  }

  private String keyOf(String storedHash, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(storedHash.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
