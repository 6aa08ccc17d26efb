package io.mailroom.pop3.session;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts failed logins per account and per client address and says how long to wait before
 * answering the next failure: the delay doubles with each failure of either key, up to a cap, and a
 * key is forgotten after a quiet window. Guessing passwords gets slow for one account from many
 * addresses and for many accounts from one address. The counts live in this gateway replica only:
 * the store counts too (it receives remote_address), this only paces the replies.
 */
public final class LoginThrottle {
  private static final int MAX_KEYS = 100_000;
  private final Clock clock;
  private final Duration base;
  private final Duration cap;
  private final Duration window;
  private final Map<String, Failures> failures =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
          return size() > MAX_KEYS;
        }
      };

  private record Failures(int count, long lastMillis) {}

  public LoginThrottle(Clock clock, Duration base, Duration cap, Duration window) {
    this.clock = clock;
    this.base = base;
    this.cap = cap;
    this.window = window;
  }

  /** Records a failure and returns the delay before the -ERR [AUTH] reply. */
  public synchronized Duration failed(String account, String address) {
    int worst = Math.max(bump(accountKey(account)), bump(addressKey(address)));
    long millis = base.toMillis() << Math.min(worst - 1, 20);
    return Duration.ofMillis(Math.min(millis, cap.toMillis()));
  }

  /** A correct password clears the account's count; the address keeps its history. */
  public synchronized void succeeded(String account) {
    failures.remove(accountKey(account));
  }

  public synchronized int failures(String account, String address) {
    return Math.max(current(accountKey(account)), current(addressKey(address)));
  }

  private int bump(String key) {
    int count = current(key) + 1;
    failures.put(key, new Failures(count, clock.millis()));
    return count;
  }

  private int current(String key) {
    Failures f = failures.get(key);
    if (f == null || clock.millis() - f.lastMillis() > window.toMillis()) {
      return 0;
    }
    return f.count();
  }

  private static String accountKey(String account) {
    return "a:" + account.toLowerCase(Locale.ROOT);
  }

  private static String addressKey(String address) {
    return "i:" + address;
  }
}
