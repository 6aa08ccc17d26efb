package io.mailroom.imap.limits;

import io.mailroom.imap.config.ImapConfig;
import io.mailroom.store.client.auth.LoginThrottle;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * store-client's {@link LoginThrottle}, paced by this gateway's {@code limits.login-*} settings.
 */
public final class LoginLimits {
  @Produces
  @Singleton
  LoginThrottle loginThrottle(ImapConfig config) {
    var limits = config.limits();
    return new LoginThrottle(
        new LoginThrottle.Policy(
            limits.loginFailuresBeforeDelay(),
            limits.loginFailureDelay(),
            limits.maxLoginFailureDelay(),
            limits.loginFailureWindow()),
        Clock.systemUTC());
  }
}
