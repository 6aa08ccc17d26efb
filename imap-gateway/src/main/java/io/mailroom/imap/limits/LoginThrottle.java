package io.mailroom.imap.limits;

import io.mailroom.imap.config.ImapConfig;
import io.mailroom.imap.handler.LoginGuard;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per account and per IP address in a sliding window. After a few failures
 * each further one is answered later and later (the delay runs on a timer, never a sleep), which
 * makes guessing passwords slow without locking the real user out.
 */
@ApplicationScoped
public class LoginThrottle implements LoginGuard {
  private static final int MAX_TRACKED = 100_000;

  private final ImapConfig.Limits limits;
  private final Map<String, ArrayDeque<Long>> failures = new ConcurrentHashMap<>();

  LoginThrottle(ImapConfig config) {
    this.limits = config.limits();
  }

  @Override
  public Duration failed(String username, String remoteAddress) {
    long now = System.currentTimeMillis();
    int byUser = record("user:" + username.toLowerCase(Locale.ROOT), now);
    int byAddress = record("ip:" + remoteAddress, now);
    int count = Math.max(byUser, byAddress);
    // The first loginFailuresBeforeDelay() failures are free; the one after waits the base delay.
    int over = count - limits.loginFailuresBeforeDelay();
    if (over <= 0) {
      return Duration.ZERO;
    }
    long delay = limits.loginFailureDelay().toMillis() << Math.min(over - 1, 16);
    return Duration.ofMillis(Math.min(delay, limits.maxLoginFailureDelay().toMillis()));
  }

  @Override
  public void succeeded(String username, String remoteAddress) {
    failures.remove("user:" + username.toLowerCase(Locale.ROOT));
  }

  /** Failures for a key within the window, this one included. */
  public int count(String key) {
    var times = failures.get(key);
    if (times == null) {
      return 0;
    }
    synchronized (times) {
      return times.size();
    }
  }

  private int record(String key, long now) {
    if (failures.size() > MAX_TRACKED) {
      // A flood of distinct names must not grow memory without bound.
      failures.clear();
    }
    var times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      long windowStart = now - limits.loginFailureWindow().toMillis();
      while (!times.isEmpty() && times.peekFirst() < windowStart) {
        times.pollFirst();
      }
      times.addLast(now);
      if (times.size() > 1000) {
        times.pollFirst();
      }
      return times.size();
    }
  }
}
