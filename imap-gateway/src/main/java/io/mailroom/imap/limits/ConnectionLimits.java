package io.mailroom.imap.limits;

import io.mailroom.imap.config.ImapConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Caps connections per IP address and logged-in sessions per account on this replica. */
@ApplicationScoped
public class ConnectionLimits {
  private final ImapConfig.Limits limits;
  private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();
  private final Map<String, Integer> byAccount = new ConcurrentHashMap<>();

  ConnectionLimits(ImapConfig config) {
    this.limits = config.limits();
  }

  public boolean openConnection(String address) {
    return acquire(byAddress, address, limits.maxConnectionsPerIp());
  }

  public void closeConnection(String address) {
    release(byAddress, address);
  }

  public boolean openSession(String username) {
    return acquire(byAccount, username.toLowerCase(Locale.ROOT), limits.maxSessionsPerAccount());
  }

  public void closeSession(String username) {
    release(byAccount, username.toLowerCase(Locale.ROOT));
  }

  private static boolean acquire(Map<String, Integer> counts, String key, int max) {
    boolean[] ok = {false};
    counts.compute(
        key,
        (k, n) -> {
          int current = n == null ? 0 : n;
          if (current >= max) {
            return n;
          }
          ok[0] = true;
          return current + 1;
        });
    return ok[0];
  }

  private static void release(Map<String, Integer> counts, String key) {
    counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
  }
}
