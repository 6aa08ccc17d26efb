package io.mailroom.store.auth;

import io.mailroom.store.config.AuthConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

/** bcrypt, always on a worker thread: a hash costs tens of milliseconds of CPU. */
@ApplicationScoped
public class PasswordHasher {
  /**
   * Compared against when the user does not exist, so that an unknown user costs as much time as a
   * wrong password.
   */
  private static final String DECOY = BcryptUtil.bcryptHash("decoy-password-never-matches");

  private final AuthConfig config;

  PasswordHasher(AuthConfig config) {
    this.config = config;
  }

  public Uni<String> hash(String password) {
    return Uni.createFrom()
        .item(() -> BcryptUtil.bcryptHash(password, config.bcryptCost()))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  /** Checks a password against a hash, or against a decoy when there is no account (null). */
  public Uni<Boolean> matches(String password, String hashOrNull) {
    return Uni.createFrom()
        .item(
            () -> {
              boolean ok = BcryptUtil.matches(password, hashOrNull == null ? DECOY : hashOrNull);
              return ok && hashOrNull != null;
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }
}
