package io.mailroom.pop3.server;

import io.mailroom.pop3.config.Pop3Config;
import io.mailroom.store.client.auth.LoginThrottle;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** One throttle per gateway replica, shared by all its sessions. */
@Singleton
class LoginThrottleProducer {
  @Produces
  @Singleton
  LoginThrottle loginThrottle(Pop3Config config) {
    var failures = config.loginFailures();
    // POP3 has no free failures: the first wrong password already waits the base delay.
    return new LoginThrottle(
        new LoginThrottle.Policy(0, failures.delay(), failures.maxDelay(), failures.window()),
        Clock.systemUTC());
  }
}
