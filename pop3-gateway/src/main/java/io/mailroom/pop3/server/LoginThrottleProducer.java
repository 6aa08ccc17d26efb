package io.mailroom.pop3.server;

import io.mailroom.pop3.config.Pop3Config;
import io.mailroom.pop3.session.LoginThrottle;
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
    return new LoginThrottle(
        Clock.systemUTC(), failures.delay(), failures.maxDelay(), failures.window());
  }
}
