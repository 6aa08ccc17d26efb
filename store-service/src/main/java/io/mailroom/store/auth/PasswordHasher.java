package io.mailroom.store.auth;

import io.mailroom.store.config.AuthConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * bcrypt, always on a worker thread: a hash costs tens of milliseconds of CPU. A password verified
 * lately against the same stored hash is answered from {@link VerifiedPasswords} without one.
 */
@ApplicationScoped
public class PasswordHasher {
  /**
   * Compared against when the user does not exist, so that an unknown user costs as much time as a
   * wrong password.
   */
  private static final String DECOY = BcryptUtil.bcryptHash("decoy-password-never-matches");

  private final AuthConfig config;
  private final VerifiedPasswords verified;
  private final Counter verifications;
  private final Counter cacheHits;

  PasswordHasher(AuthConfig config, MeterRegistry meters) {
    this.config = config;
    this.verified = new VerifiedPasswords(config.cacheSize(), config.cacheTtl());
    this.verifications =
        Counter.builder("mailroom.auth.bcrypt")
            .description("passwords checked with bcrypt (cache misses, wrong passwords, decoys)")
            .register(meters);
    this.cacheHits =
        Counter.builder("mailroom.auth.cache.hits")
            .description("logins answered from the verified-password cache, without bcrypt")
            .register(meters);
  }

  public Uni<String> hash(String password) {
    return Uni.createFrom()
        .item(() -> BcryptUtil.bcryptHash(password, config.bcryptCost()))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  /** Checks a password against a hash, or against a decoy when there is no account (null). */
  public Uni<Boolean> matches(String password, String hashOrNull) {
    if (hashOrNull != null && verified.contains(hashOrNull, password)) {
      cacheHits.increment();
      return Uni.createFrom().item(true);
    }
    return Uni.createFrom()
        .item(
            () -> {
              verifications.increment();
              boolean ok = BcryptUtil.matches(password, hashOrNull == null ? DECOY : hashOrNull);
              if (ok && hashOrNull != null) {
                verified.remember(hashOrNull, password);
                return true;
              }
              return false;
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }
}
