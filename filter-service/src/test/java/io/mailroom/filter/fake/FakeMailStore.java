package io.mailroom.filter.fake;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailroom.store.api.v1.ErrorCode;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mail state behind the fake store services: accounts, mailboxes, messages, and a log of every
 * mutating call with its idempotency key, for tests to assert on. A singleton, not
 * application-scoped: tests read its public fields, which a client proxy would not share.
 */
@Singleton
public class FakeMailStore {
  private static final Metadata.Key<String> ERROR =
      Metadata.Key.of("mailroom-error", Metadata.ASCII_STRING_MARSHALLER);

  /** One stored message. */
  public static final class Message {
    public final byte[] bytes;
    public final Set<String> flags = Collections.synchronizedSet(new java.util.LinkedHashSet<>());

    Message(byte[] bytes) {
      this.bytes = bytes;
    }
  }

  /** One mailbox. */
  public static final class Mailbox {
    public final long id;
    public final int uidValidity;
    public final String name;
    public final String specialUse;
    public int uidNext = 1;
    public final TreeMap<Integer, Message> messages = new TreeMap<>();

    Mailbox(long id, int uidValidity, String name, String specialUse) {
      this.id = id;
      this.uidValidity = uidValidity;
      this.name = name;
      this.specialUse = specialUse;
    }
  }

  /** A mutating call as the store received it. */
  public record Call(String method, String account, String idempotencyKey, String detail) {}

  private static final AtomicLong IDS = new AtomicLong(100);

  private final Map<String, String> passwords = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Mailbox>> accounts = new ConcurrentHashMap<>();
  private final Map<String, Object> idempotent = new ConcurrentHashMap<>();
  public final List<Call> calls = new CopyOnWriteArrayList<>();

  /** Accounts whose calls fail with UNAVAILABLE (a store that stays down for them). */
  public final Set<String> unavailableFor = ConcurrentHashMap.newKeySet();

  /** Messages (by subject marker) whose whole-message fetch fails. */
  public final Set<String> unreadableMarkers = ConcurrentHashMap.newKeySet();

  public final AtomicInteger fetches = new AtomicInteger();

  /**
   * Storage quotas in octets, by account. As in the real store, a COPY counts against it like new
   * mail and a MOVE, which takes no more room than it frees, does not.
   */
  public final Map<String, Long> quotaBytes = new ConcurrentHashMap<>();

  /** How long each Fetch takes to answer (a slow store, to watch a job mid-run). */
  public volatile java.time.Duration fetchDelay = java.time.Duration.ZERO;

  public synchronized void reset() {
    passwords.clear();
    accounts.clear();
    idempotent.clear();
    calls.clear();
    unavailableFor.clear();
    unreadableMarkers.clear();
    quotaBytes.clear();
    fetches.set(0);
    fetchDelay = java.time.Duration.ZERO;
  }

  public synchronized void addAccount(String username, String password) {
    passwords.put(username, password);
    var boxes = new ConcurrentHashMap<String, Mailbox>();
    boxes.put("INBOX", newMailbox("INBOX", ""));
    boxes.put("Sent", newMailbox("Sent", "\\Sent"));
    accounts.put(username, boxes);
  }

  public synchronized Mailbox createMailbox(String account, String name) {
    return accounts.get(account).computeIfAbsent(name, n -> newMailbox(n, ""));
  }

  private static Mailbox newMailbox(String name, String specialUse) {
    var id = IDS.incrementAndGet();
    return new Mailbox(id, (int) (id * 7), name, specialUse);
  }

  public boolean checkPassword(String username, String password) {
    return password.equals(passwords.get(username));
  }

  public boolean hasAccount(String username) {
    return accounts.containsKey(username);
  }

  public synchronized int append(String account, String mailbox, String message) {
    var box = mailbox(account, mailbox);
    var uid = box.uidNext++;
    box.messages.put(uid, new Message(message.getBytes(StandardCharsets.UTF_8)));
    return uid;
  }

  public Mailbox mailbox(String account, String name) {
    var boxes = accounts.get(account);
    if (boxes == null) {
      throw failure(Status.NOT_FOUND, ErrorCode.NONEXISTENT, "no account " + account);
    }
    var box = name.equalsIgnoreCase("INBOX") ? boxes.get("INBOX") : boxes.get(name);
    if (box == null) {
      throw failure(Status.NOT_FOUND, ErrorCode.NONEXISTENT, "no mailbox " + name);
    }
    return box;
  }

  public synchronized Mailbox mailboxById(String account, long id, int uidValidity) {
    var boxes = accounts.get(account);
    if (boxes == null) {
      throw failure(Status.NOT_FOUND, ErrorCode.NONEXISTENT, "no account " + account);
    }
    for (var box : boxes.values()) {
      if (box.id == id) {
        if (box.uidValidity != uidValidity) {
          throw failure(
              Status.FAILED_PRECONDITION, ErrorCode.UIDVALIDITY_CHANGED, "uidvalidity changed");
        }
        return box;
      }
    }
    throw failure(Status.NOT_FOUND, ErrorCode.NONEXISTENT, "no mailbox " + id);
  }

  public synchronized List<Mailbox> mailboxes(String account) {
    var boxes = accounts.get(account);
    return boxes == null ? List.of() : new ArrayList<>(boxes.values());
  }

  /** The same key gives the same answer, without doing anything again. */
  @SuppressWarnings("unchecked")
  public synchronized <T> T once(String key, java.util.function.Supplier<T> action) {
    if (key == null || key.isEmpty()) {
      return action.get();
    }
    var previous = idempotent.get(key);
    if (previous != null) {
      return (T) previous;
    }
    var result = action.get();
    idempotent.put(key, result);
    return result;
  }

  /** The octets of every message of the account, as the store counts them against its quota. */
  public synchronized long usedBytes(String account) {
    long used = 0;
    for (var box : mailboxes(account)) {
      for (var message : box.messages.values()) {
        used += message.bytes.length;
      }
    }
    return used;
  }

  /** Refuses with OVERQUOTA, as the store does, when {@code octets} more do not fit. */
  public synchronized void admit(String account, long octets) {
    var limit = quotaBytes.get(account);
    if (limit == null) {
      return;
    }
    if (usedBytes(account) + octets > limit) {
      throw failure(
          Status.RESOURCE_EXHAUSTED,
          ErrorCode.OVERQUOTA,
          "Quota exceeded (mailbox for user is full)");
    }
  }

  public void checkAvailable(String account) {
    if (account != null && unavailableFor.contains(account)) {
      throw Status.UNAVAILABLE.withDescription("store is down").asRuntimeException();
    }
  }

  public List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  public static StatusRuntimeException failure(Status status, ErrorCode code, String description) {
    var trailers = new Metadata();
    trailers.put(ERROR, code.name());
    return status.withDescription(description).asRuntimeException(trailers);
  }
}
