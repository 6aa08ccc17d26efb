package io.mailroom.imap.push;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The logged-in sessions of this replica, by account, to pass change hints to. */
@ApplicationScoped
public class SessionRegistry {
  private final Map<String, Set<ChangeListener>> byAccount = new ConcurrentHashMap<>();

  public void add(String username, ChangeListener listener) {
    byAccount.computeIfAbsent(key(username), k -> ConcurrentHashMap.newKeySet()).add(listener);
  }

  public void remove(String username, ChangeListener listener) {
    byAccount.computeIfPresent(
        key(username),
        (k, set) -> {
          set.remove(listener);
          return set.isEmpty() ? null : set;
        });
  }

  public void changed(String username, long mailboxId) {
    changed(username, mailboxId, null);
  }

  /** A change made through this replica: the other sessions hear of it without waiting. */
  public void changed(String username, long mailboxId, ChangeListener except) {
    var listeners = byAccount.get(key(username));
    if (listeners != null) {
      listeners.stream().filter(l -> l != except).forEach(l -> l.mailboxChanged(mailboxId));
    }
  }

  private static String key(String username) {
    return username.toLowerCase(Locale.ROOT);
  }
}
