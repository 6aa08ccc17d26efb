package io.mailroom.store.client.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts failed logins per account and per client address and says how long to hold the reply to
 * the next failure: after {@link Policy#freeFailures()} failures of either key, each further one
 * waits the base delay, doubling, up to a cap. A key is forgotten after a quiet window without
 * failures, and a correct password clears the account's count (not the address's). So guessing is
 * slow for one account from many addresses and for many accounts from one address, while a user who
 * mistypes a few times is not slowed at all. The delay is the caller's to run on a timer; the
 * counts live in one gateway replica (the store counts too: it receives the remote address).
 *
 * <p>Why this algorithm, of the two the gateways had: POP3's (a count and the last failure's time
 * per key, evicting the least recently failed key beyond a bound) over IMAP's (a sliding window of
 * every failure's time per key, all keys dropped at the bound). It holds constant memory per key
 * instead of up to a thousand timestamps, and under a flood of made-up names it evicts the quiet
 * keys instead of forgetting every count, which let an attacker wipe its own history by guessing
 * 100,000 names. The quiet window is also stricter than a sliding one: one guess per window keeps
 * the count where it is instead of letting old failures fall off. From IMAP it keeps the free
 * failures before the first delay.
 */
public final class LoginThrottle {
  private static final int MAX_KEYS = 100_000;

  /** 2^20 times the base delay is past any sensible cap: no overflow, no further doubling. */
  private static final int MAX_DOUBLINGS = 20;

  /**
   * How failures are paced: {@code freeFailures} answered at once, then {@code baseDelay} doubling
   * up to {@code maxDelay}; a key without failures for {@code quietWindow} starts again from zero.
   */
  public record Policy(
      int freeFailures, Duration baseDelay, Duration maxDelay, Duration quietWindow) {
    public Policy {
      if (freeFailures < 0
          || baseDelay.isNegative()
          || maxDelay.compareTo(baseDelay) < 0
          || quietWindow.isNegative()
          || quietWindow.isZero()) {
        throw new IllegalArgumentException("bad login throttle policy: " + this);
      }
    }
  }

  private record Failures(int count, long lastMillis) {}

  private final Policy policy;
  private final Clock clock;
  private final Map<String, Failures> failures;

  public LoginThrottle(Policy policy, Clock clock) {
    this(policy, clock, MAX_KEYS);
  }

  LoginThrottle(Policy policy, Clock clock, int maxKeys) {
    this.policy = policy;
    this.clock = clock;
    this.failures =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > maxKeys;
          }
        };
  }

  /**
   * Counts a failed login and returns how long to wait before answering it. An empty {@code
   * account} (a SASL message that named none) counts for the address only.
   */
  public synchronized Duration failed(String account, String address) {
    int byAccount = account.isEmpty() ? 0 : bump(accountKey(account));
    int worst = Math.max(byAccount, bump(addressKey(address)));
    int over = worst - policy.freeFailures();
    if (over <= 0) {
      return Duration.ZERO;
    }
    long millis = policy.baseDelay().toMillis() << Math.min(over - 1, MAX_DOUBLINGS);
    return Duration.ofMillis(Math.min(millis, policy.maxDelay().toMillis()));
  }

  /** A correct password clears the account's count; the address keeps its history. */
  public synchronized void succeeded(String account) {
    failures.remove(accountKey(account));
  }

  /** The failures that count now: the greater of the account's and the address's. */
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
    if (f == null || clock.millis() - f.lastMillis() > policy.quietWindow().toMillis()) {
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
