package io.mailroom.store.testkit;

import io.grpc.Status;
import io.mailroom.store.api.v1.AppendReply;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.api.v1.MailboxRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The in-memory store's state: accounts, their mailboxes, session tokens and maildrop leases. Tests
 * seed it and look at it; the in-memory gRPC services read and change it under its lock, answering
 * as the real store does (the contracts hold both to that).
 */
@ApplicationScoped
public class InMemoryStore {
  /** The service credential ("x-mailroom-service-token") this store accepts. */
  public static final String SERVICE_TOKEN = "in-memory-service-token";

  /** The mailboxes every new account starts with, as the real store's DefaultMailboxes. */
  private static final String[][] DEFAULT_MAILBOXES = {
    {"INBOX", null}, {"Sent", "\\Sent"}, {"Drafts", "\\Drafts"},
    {"Trash", "\\Trash"}, {"Junk", "\\Junk"}, {"Archive", "\\Archive"}
  };

  private static final long TOKEN_LIFETIME_MS = 12 * 3600 * 1000L;

  private final Map<String, String> passwords = new HashMap<>();
  private final Map<String, TreeMap<String, Mailbox>> mailboxes = new HashMap<>();
  private final Map<String, String> tokens = new HashMap<>();
  final MaildropLeases leases = new MaildropLeases();

  /** Append results by account and idempotency key. */
  final Map<String, io.mailroom.store.api.v1.AppendReply> appendKeys = new HashMap<>();

  private final Set<String> unreachable = new HashSet<>();
  private final Map<String, Long> quotas = new HashMap<>();
  private final Set<String> lostBodies = new HashSet<>();
  private final CallLog calls = new CallLog();
  private volatile String serviceToken = SERVICE_TOKEN;
  private volatile Duration fetchDelay = Duration.ZERO;
  private final AtomicInteger chunksSent = new AtomicInteger();
  private final AtomicInteger fetchCalls = new AtomicInteger();
  private final AtomicInteger appendsEnded = new AtomicInteger();
  private long nextMailboxId = 1;
  private volatile int chunkSize = 16;
  private volatile CompletionStage<Void> listingGate;
  private volatile CompletionStage<Void> fetchGate;

  /** Forgets everything: no accounts, leases or settings left from an earlier test. */
  public synchronized void reset() {
    passwords.clear();
    mailboxes.clear();
    tokens.clear();
    leases.clear();
    appendKeys.clear();
    unreachable.clear();
    quotas.clear();
    lostBodies.clear();
    calls.clear();
    serviceToken = SERVICE_TOKEN;
    fetchDelay = Duration.ZERO;
    chunksSent.set(0);
    fetchCalls.set(0);
    appendsEnded.set(0);
    chunkSize = 16;
    listingGate = null;
    fetchGate = null;
  }

  /** Creates an account with the real store's default mailboxes (INBOX, Sent, ... Archive). */
  public synchronized void account(String username, String password) {
    passwords.put(username, password);
    var boxes = new TreeMap<String, Mailbox>();
    mailboxes.put(username, boxes);
    for (String[] m : DEFAULT_MAILBOXES) {
      boxes.put(m[0], newMailbox(m[0], m[1], true));
    }
  }

  /** Delivers a message into the account's INBOX; returns its UID. */
  public long deliver(String username, String message) {
    return deliver(username, "INBOX", message.getBytes(StandardCharsets.UTF_8));
  }

  /** Delivers a message into the account's INBOX and returns its UID. */
  public long deliver(String username, byte[] message) {
    return deliver(username, "INBOX", message);
  }

  /** Delivers a message into a mailbox of the account; returns its UID. */
  public long deliver(String username, String mailbox, String message) {
    return deliver(username, mailbox, message.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Delivers a message into a mailbox and returns its UID. Line ends are kept as CRLF, whatever
   * they were (bare LF, bare CR), as the real store's spool does.
   */
  public synchronized long deliver(String username, String mailbox, byte[] message) {
    Mailbox box = named(username, mailbox).orElseThrow();
    return add(box, withCrlf(message), System.currentTimeMillis(), 0, List.of());
  }

  /** The account's INBOX as it is now, in UID order. */
  public synchronized List<StoredMessage> inbox(String username) {
    return named(username, "INBOX").map(m -> List.copyOf(m.messages.values())).orElse(List.of());
  }

  /** The UIDs of a mailbox now, ascending. */
  public synchronized List<Long> uids(String username, String mailbox) {
    return new ArrayList<>(named(username, mailbox).orElseThrow().messages.keySet());
  }

  /** The flags of one message now, sorted. */
  public synchronized List<String> flags(String username, String mailbox, long uid) {
    return named(username, mailbox).orElseThrow().messages.get(uid).flags();
  }

  /** The id of a mailbox (what change events name). */
  public synchronized long mailboxId(String username, String mailbox) {
    return named(username, mailbox).orElseThrow().id;
  }

  /** The account's mailbox names, sorted. */
  public synchronized List<String> mailboxNames(String username) {
    return new ArrayList<>(mailboxes.getOrDefault(username, new TreeMap<>()).keySet());
  }

  /** A flag set by another client: a change with its own MODSEQ. */
  public synchronized void addFlag(String username, String mailbox, long uid, String flag) {
    Mailbox box = named(username, mailbox).orElseThrow();
    StoredMessage m = box.messages.get(uid);
    m.setFlags(m.flagsAfter(StoredMessage.FlagChange.ADD, List.of(flag)), box.highestModseq + 1);
    box.highestModseq = m.modseq();
  }

  /** Removes exactly these UIDs from INBOX, as an IMAP client elsewhere would; answers how many. */
  public int expunge(String username, Collection<Long> uids) {
    return expunge(username, "INBOX", uids);
  }

  /** Removes exactly these UIDs from a mailbox, as a client elsewhere would; answers how many. */
  public synchronized int expunge(String username, String mailbox, Collection<Long> uids) {
    Mailbox box = named(username, mailbox).orElseThrow();
    return box.expunge(box.messages.values().stream().filter(m -> uids.contains(m.uid())).toList())
        .size();
  }

  /** Whether some session holds the account's maildrop right now. */
  public synchronized boolean locked(String username) {
    return leases.locked(username);
  }

  /**
   * Another holder takes the maildrop, as after a lease that lapsed while its gateway was cut off:
   * the old holder's next renewal is refused with EXPIRED.
   */
  public synchronized void stealLease(String username) {
    leases.steal(username);
  }

  /** How many renewals were refused since the last reset. */
  public int renewalsRefused() {
    return leases.renewalsRefused();
  }

  /** Creates a plain mailbox (and its parents) unless the account has one by that name. */
  public synchronized void createMailbox(String username, String name) {
    var boxes = mailboxesOf(username);
    String normal = MailboxNames.valid(name);
    if (!boxes.containsKey(normal)) {
      createParents(boxes, normal);
      boxes.put(normal, newMailbox(normal, null, false));
    }
  }

  /** The UIDVALIDITY of a mailbox (what change events carry with its id). */
  public synchronized long uidValidity(String username, String mailbox) {
    return named(username, mailbox).orElseThrow().uidValidity;
  }

  /**
   * Every call for {@code username} fails as an unreachable store does: a bare UNAVAILABLE, no
   * trailer. Logins as the account, and calls made for it with the service credential.
   */
  public synchronized void unreachableFor(String username) {
    unreachable.add(username);
  }

  /**
   * The account's storage limit in octets (0: none), as the real store's admin API sets it. Like
   * the real StorageQuota, APPEND and COPY are refused with OVERQUOTA when they would go over it; a
   * MOVE takes no more room and is not; {@link #deliver} (seeding) is never refused.
   */
  public synchronized void quota(String username, long octets) {
    mailboxesOf(username);
    if (octets == 0) {
      quotas.remove(username);
    } else {
      quotas.put(username, octets);
    }
  }

  /** The octets of every message of the account, as its quota counts them. */
  public synchronized long usedBytes(String username) {
    long used = 0;
    for (Mailbox box : mailboxesOf(username).values()) {
      for (StoredMessage m : box.messages.values()) {
        used += m.sharedBytes().length;
      }
    }
    return used;
  }

  /** Refuses with OVERQUOTA, as the real store does, when {@code octets} more do not fit. */
  synchronized void admit(String username, long octets) {
    Long limit = quotas.get(username);
    if (limit != null && usedBytes(username) + octets > limit) {
      throw StoreErrors.refusal(ErrorCode.OVERQUOTA, "Quota exceeded (mailbox for user is full)");
    }
  }

  /**
   * The message's body is lost from blob storage: a Fetch of any of its sections (of it or of any
   * copy: copies share the body) fails as the real store's does when S3 has no object for it, with
   * a bare INTERNAL. Its metadata is still there.
   */
  public synchronized void loseBody(String username, String mailbox, long uid) {
    lostBodies.add(named(username, mailbox).orElseThrow().messages.get(uid).uidl());
  }

  synchronized boolean bodyLost(StoredMessage m) {
    return lostBodies.contains(m.uidl());
  }

  /** Every Fetch waits this long before it answers: a slow store, to watch a caller mid-run. */
  public void fetchDelay(Duration delay) {
    fetchDelay = delay;
  }

  Duration fetchDelay() {
    return fetchDelay;
  }

  /**
   * The service credential this store accepts, as the real store's configured service token: a test
   * whose caller has its own (the filter's) sets it. {@link #reset} goes back to {@link
   * #SERVICE_TOKEN}.
   */
  public void serviceToken(String token) {
    serviceToken = token;
  }

  String serviceToken() {
    return serviceToken;
  }

  /** The changing calls (append, copy, move, flags, expunge) received since the last reset. */
  public CallLog calls() {
    return calls;
  }

  void called(StoreCall call) {
    calls.add(call);
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

  /** Fetch calls received since the last reset (counted on arrival, before any gate). */
  public int fetchCalls() {
    return fetchCalls.get();
  }

  void fetchCalled() {
    fetchCalls.incrementAndGet();
  }

  /** Append calls that are over (stored, refused or abandoned by the caller). */
  public int appendsEnded() {
    return appendsEnded.get();
  }

  void appendEnded() {
    appendsEnded.incrementAndGet();
  }

  /** Maildrop listings wait for {@code gate}: a test can act while a login is in flight. */
  public void holdListings(CompletionStage<Void> gate) {
    listingGate = gate;
  }

  CompletionStage<Void> listingGate() {
    return open(listingGate);
  }

  /** Fetch calls wait for {@code gate} (null: none) before they read: a FETCH can be in flight. */
  public void holdFetches(CompletionStage<Void> gate) {
    fetchGate = gate;
  }

  CompletionStage<Void> fetchGate() {
    return open(fetchGate);
  }

  private static CompletionStage<Void> open(CompletionStage<Void> gate) {
    return gate == null ? CompletableFuture.completedFuture(null) : gate;
  }

  // What the services ask of the state (through methods: in Quarkus this bean is a client proxy,
  // whose fields are not the state's); refusals are the real store's statuses and trailers.

  /**
   * Runs a service's work under the state's lock. A service must lock through here, never with
   * {@code synchronized (store)}: in Quarkus it holds a client proxy, whose monitor is not this.
   */
  synchronized <T> T locked(java.util.function.Supplier<T> work) {
    return work.get();
  }

  MaildropLeases leases() {
    return leases;
  }

  /** Append results by account and idempotency key. */
  Map<String, AppendReply> appendKeys() {
    return appendKeys;
  }

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

  /** The account's mailboxes by name; refused as NOT_FOUND for an account that is gone. */
  synchronized TreeMap<String, Mailbox> mailboxesOf(String username) {
    TreeMap<String, Mailbox> boxes = mailboxes.get(username);
    if (boxes == null) {
      throw StoreErrors.refusal(Status.NOT_FOUND, null, "no such account");
    }
    return boxes;
  }

  synchronized Mailbox inboxOf(String username) {
    return mailboxesOf(username).get("INBOX");
  }

  synchronized Optional<Mailbox> named(String username, String name) {
    return Optional.ofNullable(mailboxesOf(username).get(MailboxNames.normal(name)));
  }

  /**
   * The caller's own mailbox: another account's looks exactly like one that does not exist, and a
   * UIDVALIDITY other than the mailbox's (0: not checked) means it was re-created.
   */
  synchronized Mailbox mailbox(String username, MailboxRef ref) {
    for (Mailbox m : mailboxesOf(username).values()) {
      if (m.id == ref.getMailboxId() && m.selectable) {
        long uidValidity = Integer.toUnsignedLong(ref.getUidValidity());
        if (uidValidity != 0 && uidValidity != m.uidValidity) {
          throw StoreErrors.refusal(
              Status.FAILED_PRECONDITION, ErrorCode.UIDVALIDITY_CHANGED, "mailbox was re-created");
        }
        return m;
      }
    }
    throw StoreErrors.refusal(Status.NOT_FOUND, ErrorCode.NONEXISTENT, "no such mailbox");
  }

  synchronized Mailbox newMailbox(String name, String specialUse, boolean subscribed) {
    long id = nextMailboxId++;
    return new Mailbox(id, name, 1000 + id, specialUse, subscribed);
  }

  /** The ancestors a CREATE, RENAME or COPY :create makes: plain, unsubscribed mailboxes. */
  synchronized void createParents(TreeMap<String, Mailbox> boxes, String name) {
    for (String parent : MailboxNames.ancestors(name)) {
      boxes.computeIfAbsent(parent, p -> newMailbox(p, null, false));
    }
  }

  /** A new UIDVALIDITY for a mailbox that is made anew (a \Noselect name created again). */
  synchronized long newUidValidity() {
    return 1000 + nextMailboxId++;
  }

  /** Stores a new message in a mailbox under the next UID and MODSEQ; answers the UID. */
  synchronized long add(Mailbox box, byte[] crlf, long dateMs, int offsetMinutes, List<String> f) {
    long[] a = box.allocate(1);
    StoredMessage m = StoredMessage.ingested(a[0], crlf, dateMs, offsetMinutes, f);
    m.modseq(a[1]);
    box.add(m);
    return a[0];
  }

  synchronized List<StoredMessage> remove(String username, Predicate<StoredMessage> which) {
    Mailbox inbox = inboxOf(username);
    List<StoredMessage> removed = inbox.messages.values().stream().filter(which).toList();
    inbox.expunge(removed);
    return removed;
  }

  /** Every line end (bare LF, bare CR, CRLF) as CRLF: the form the real store keeps. */
  static byte[] withCrlf(byte[] message) {
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
