package io.mailroom.pop3.fake;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fake store's state: accounts, their INBOX, and the maildrop leases. Tests seed it and look at
 * it; the fake gRPC services read and change it.
 */
@ApplicationScoped
public class FakeMailData {
  public static final long INBOX_ID = 42;
  public static final int UID_VALIDITY = 7;

  public static final class Message {
    public final int uid;
    public final byte[] bytes;
    public final String uidl;
    public final Set<String> flags = ConcurrentHashMap.newKeySet();

    Message(int uid, byte[] bytes, String uidl) {
      this.uid = uid;
      this.bytes = bytes;
      this.uidl = uidl;
    }

    /**
     * The size the maildrop listing reports, as the store computes it: what RETR sends before
     * dot-stuffing, so a message whose last line lacks its CRLF counts the two octets the gateway
     * adds (an empty message counts as ending in one).
     */
    public long listingSize() {
      int n = bytes.length;
      boolean endsWithCrlf = n == 0 || (n >= 2 && bytes[n - 2] == '\r' && bytes[n - 1] == '\n');
      return endsWithCrlf ? n : n + 2;
    }
  }

  record Lease(String lockId, String account, long expiresAtMs) {}

  private final Map<String, String> passwords = new ConcurrentHashMap<>();
  private final Map<String, List<Message>> inboxes = new ConcurrentHashMap<>();
  private final Map<String, Lease> leases = new ConcurrentHashMap<>();
  private final Map<String, Integer> nextUid = new ConcurrentHashMap<>();
  private final Set<String> expungeKeys = new HashSet<>();
  private final AtomicInteger renewalsRefused = new AtomicInteger();
  public volatile int chunkSize = 16;

  /** When set, maildrop listings wait for it: a test can act while a login is in flight. */
  public volatile java.util.concurrent.CompletableFuture<Void> listingGate;

  public synchronized void reset() {
    passwords.clear();
    inboxes.clear();
    leases.clear();
    nextUid.clear();
    expungeKeys.clear();
    renewalsRefused.set(0);
    chunkSize = 16;
    listingGate = null;
  }

  public synchronized void account(String username, String password) {
    passwords.put(username, password);
    inboxes.put(username, new ArrayList<>());
    nextUid.put(username, 1);
  }

  /** Delivers a message (CRLF line ends, as the store keeps them); returns its UID. */
  public synchronized int deliver(String username, String message) {
    return deliver(username, message.getBytes(StandardCharsets.UTF_8));
  }

  public synchronized int deliver(String username, byte[] message) {
    int uid = nextUid.merge(username, 1, Integer::sum) - 1;
    inboxes.get(username).add(new Message(uid, message, "m-" + UUID.randomUUID()));
    return uid;
  }

  public synchronized List<Message> inbox(String username) {
    return List.copyOf(inboxes.getOrDefault(username, List.of()));
  }

  synchronized Optional<String> checkPassword(String username, String password) {
    return password.equals(passwords.get(username)) ? Optional.of(username) : Optional.empty();
  }

  /** Removes exactly these UIDs, as an IMAP client or POP3 QUIT would. */
  public synchronized int expunge(String username, Set<Integer> uids) {
    var inbox = inboxes.get(username);
    int before = inbox.size();
    inbox.removeIf(m -> uids.contains(m.uid));
    return before - inbox.size();
  }

  synchronized Optional<Lease> lock(String username, int leaseSeconds) {
    Lease held = leases.get(username);
    long now = System.currentTimeMillis();
    if (held != null && held.expiresAtMs() > now) {
      return Optional.empty();
    }
    var lease = new Lease(UUID.randomUUID().toString(), username, now + leaseSeconds * 1000L);
    leases.put(username, lease);
    return Optional.of(lease);
  }

  synchronized Optional<Lease> renew(String username, String lockId, int leaseSeconds) {
    Lease held = leases.get(username);
    if (held == null
        || !held.lockId().equals(lockId)
        || held.expiresAtMs() < System.currentTimeMillis()) {
      renewalsRefused.incrementAndGet();
      return Optional.empty();
    }
    var lease = new Lease(lockId, username, System.currentTimeMillis() + leaseSeconds * 1000L);
    leases.put(username, lease);
    return Optional.of(lease);
  }

  /**
   * Another holder takes the maildrop, as after a lease that lapsed while its gateway was cut off:
   * the old holder's next renewal is refused with EXPIRED.
   */
  public synchronized void stealLease(String username) {
    long expires = System.currentTimeMillis() + 60_000;
    leases.put(username, new Lease("thief-" + UUID.randomUUID(), username, expires));
  }

  /** How many renewals the store refused since the last reset. */
  public int renewalsRefused() {
    return renewalsRefused.get();
  }

  synchronized void release(String username, String lockId) {
    leases.computeIfPresent(username, (u, l) -> l.lockId().equals(lockId) ? null : l);
  }

  synchronized boolean holds(String username, String lockId) {
    Lease held = leases.get(username);
    return held != null && held.lockId().equals(lockId);
  }

  /** Whether some session holds the account's maildrop right now. */
  public synchronized boolean locked(String username) {
    Lease held = leases.get(username);
    return held != null && held.expiresAtMs() > System.currentTimeMillis();
  }

  synchronized boolean firstUseOf(String idempotencyKey) {
    return expungeKeys.add(idempotencyKey);
  }
}
