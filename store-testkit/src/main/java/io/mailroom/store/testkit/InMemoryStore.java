package io.mailroom.store.testkit;

import io.grpc.Status;
import io.mailroom.store.api.v1.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory store's state: accounts, their INBOX, session tokens and maildrop leases. Tests
 * seed it and look at it; the in-memory gRPC services ({@link InMemoryAuth}, {@link
 * InMemoryMaildrop}, {@link InMemoryMessages}) read and change it, answering as the real store does
 * (StoreContract holds both to that).
 */
@ApplicationScoped
public class InMemoryStore {
  /** The service credential ("x-mailroom-service-token") this store accepts. */
  public static final String SERVICE_TOKEN = "in-memory-service-token";

  // The real store's bounds on a lease (MaildropService).
  private static final int DEFAULT_LEASE_SECONDS = 60;
  private static final int MAX_LEASE_SECONDS = 3600;
  private static final long TOKEN_LIFETIME_MS = 12 * 3600 * 1000L;

  private final Map<String, String> passwords = new HashMap<>();
  private final Map<String, Mailbox> inboxes = new HashMap<>();
  private final Map<String, String> tokens = new HashMap<>();
  private final Map<String, MaildropLease> leases = new HashMap<>();
  private final Set<String> unreachable = new HashSet<>();
  private final AtomicInteger renewalsRefused = new AtomicInteger();
  private final AtomicInteger chunksSent = new AtomicInteger();
  private long nextMailboxId = 1;
  private volatile int chunkSize = 16;
  private volatile CompletionStage<Void> listingGate;

  /** Forgets everything: no accounts, leases or settings left from an earlier test. */
  public synchronized void reset() {
    passwords.clear();
    inboxes.clear();
    tokens.clear();
    leases.clear();
    unreachable.clear();
    renewalsRefused.set(0);
    chunksSent.set(0);
    chunkSize = 16;
    listingGate = null;
  }

  /** Creates an account with an empty INBOX. */
  public synchronized void account(String username, String password) {
    passwords.put(username, password);
    long id = nextMailboxId++;
    inboxes.put(username, new Mailbox(id, 1000 + id));
  }

  /** Delivers a message into the account's INBOX; returns its UID. */
  public long deliver(String username, String message) {
    return deliver(username, message.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Delivers a message into the account's INBOX and returns its UID. Line ends are kept as CRLF,
   * whatever they were (bare LF, bare CR), as the real store's spool does.
   */
  public synchronized long deliver(String username, byte[] message) {
    Mailbox inbox = mailbox(username).orElseThrow();
    long uid = inbox.nextUid++;
    String uidl = "M" + UUID.randomUUID().toString().replace("-", "");
    inbox.messages.add(new StoredMessage(uid, withCrlf(message), uidl));
    return uid;
  }

  /** The account's INBOX as it is now, in UID order. */
  public synchronized List<StoredMessage> inbox(String username) {
    return mailbox(username).map(m -> List.copyOf(m.messages)).orElse(List.of());
  }

  /** Removes exactly these UIDs, as an IMAP client elsewhere would; answers how many went. */
  public synchronized int expunge(String username, Collection<Long> uids) {
    return remove(username, m -> uids.contains(m.uid())).size();
  }

  /** Whether some session holds the account's maildrop right now. */
  public synchronized boolean locked(String username) {
    MaildropLease held = leases.get(username);
    return held != null && held.liveAt(System.currentTimeMillis());
  }

  /**
   * Another holder takes the maildrop, as after a lease that lapsed while its gateway was cut off:
   * the old holder's next renewal is refused with EXPIRED.
   */
  public synchronized void stealLease(String username) {
    long expires = System.currentTimeMillis() + 60_000;
    leases.put(username, new MaildropLease("thief-" + UUID.randomUUID(), username, expires));
  }

  /** How many renewals were refused since the last reset. */
  public int renewalsRefused() {
    return renewalsRefused.get();
  }

  /**
   * Logins as {@code username} fail as an unreachable store does: a bare UNAVAILABLE, no trailer.
   */
  public synchronized void unreachableFor(String username) {
    unreachable.add(username);
  }

  /** Section bytes per chunk of a Fetch stream (the real store sends 64 KiB). */
  public void chunkSize(int octets) {
    chunkSize = octets;
  }

  int chunkSize() {
    return chunkSize;
  }

  /**
   * Section chunks handed to gRPC since the last reset, counted only as the transport becomes ready
   * for them: the caller's demand decides how far this gets.
   */
  public int chunksSent() {
    return chunksSent.get();
  }

  void chunkSent() {
    chunksSent.incrementAndGet();
  }

  /** Maildrop listings wait for {@code gate}: a test can act while a login is in flight. */
  public void holdListings(CompletionStage<Void> gate) {
    listingGate = gate;
  }

  CompletionStage<Void> listingGate() {
    CompletionStage<Void> gate = listingGate;
    return gate == null ? CompletableFuture.completedFuture(null) : gate;
  }

  // What the services ask of the state; refusals are the real store's statuses and trailers.

  synchronized boolean unreachable(String username) {
    return unreachable.contains(username);
  }

  /** A new session token for a right password; empty for a wrong user or password alike. */
  synchronized Optional<String> login(String username, String password) {
    if (password == null || !password.equals(passwords.get(username))) {
      return Optional.empty();
    }
    String token = "in-memory-" + UUID.randomUUID();
    tokens.put(token, username);
    return Optional.of(token);
  }

  static long tokenExpiry() {
    return System.currentTimeMillis() + TOKEN_LIFETIME_MS;
  }

  synchronized Optional<String> accountOfToken(String token) {
    return Optional.ofNullable(tokens.get(token));
  }

  synchronized Mailbox inboxOf(String username) {
    return mailbox(username)
        .orElseThrow(() -> StoreErrors.refusal(Status.NOT_FOUND, null, "no such account"));
  }

  synchronized MaildropLease lock(String username, int leaseSeconds) {
    inboxOf(username);
    long now = System.currentTimeMillis();
    MaildropLease held = leases.get(username);
    if (held != null && held.liveAt(now)) {
      throw StoreErrors.refusal(
          Status.FAILED_PRECONDITION, ErrorCode.INUSE, "maildrop is locked by another session");
    }
    var lease = new MaildropLease(UUID.randomUUID().toString(), username, expiry(leaseSeconds));
    leases.put(username, lease);
    return lease;
  }

  synchronized MaildropLease renew(String username, String lockId, int leaseSeconds) {
    if (!holds(username, lockId)) {
      renewalsRefused.incrementAndGet();
      throw StoreErrors.refusal(
          Status.FAILED_PRECONDITION, ErrorCode.EXPIRED, "maildrop lease expired");
    }
    var lease = new MaildropLease(lockId, username, expiry(leaseSeconds));
    leases.put(username, lease);
    return lease;
  }

  synchronized void release(String username, String lockId) {
    leases.computeIfPresent(username, (u, l) -> l.lockId().equals(lockId) ? null : l);
  }

  synchronized boolean holds(String username, String lockId) {
    MaildropLease held = leases.get(username);
    return held != null && held.lockId().equals(lockId) && held.liveAt(System.currentTimeMillis());
  }

  synchronized List<StoredMessage> remove(
      String username, java.util.function.Predicate<StoredMessage> which) {
    var inbox = inboxOf(username);
    List<StoredMessage> removed = inbox.messages.stream().filter(which).toList();
    inbox.messages.removeAll(removed);
    return removed;
  }

  private synchronized Optional<Mailbox> mailbox(String username) {
    return Optional.ofNullable(inboxes.get(username));
  }

  private static long expiry(int requestedSeconds) {
    int seconds =
        requestedSeconds <= 0
            ? DEFAULT_LEASE_SECONDS
            : Math.min(requestedSeconds, MAX_LEASE_SECONDS);
    return System.currentTimeMillis() + seconds * 1000L;
  }

  /** Every line end (bare LF, bare CR, CRLF) as CRLF: the form the real store keeps. */
  private static byte[] withCrlf(byte[] message) {
    var out = new ByteArrayOutputStream(message.length + 16);
    for (int i = 0; i < message.length; i++) {
      byte b = message[i];
      if (b == '\r') {
        out.write('\r');
        out.write('\n');
        if (i + 1 < message.length && message[i + 1] == '\n') {
          i++;
        }
      } else if (b == '\n') {
        out.write('\r');
        out.write('\n');
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }
}
