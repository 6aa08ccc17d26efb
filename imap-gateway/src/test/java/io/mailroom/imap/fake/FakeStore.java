package io.mailroom.imap.fake;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.api.v1.UidSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory mail store for gateway tests, behind the real gRPC contract. Simple but faithful:
 * UIDs only grow, every change bumps the mailbox MODSEQ, expunges leave tombstones for Changes.
 */
@ApplicationScoped
public class FakeStore {
  static final long APPEND_LIMIT = 10L << 20;

  public static final class Message {
    final long uid;
    final LinkedHashSet<String> flags = new LinkedHashSet<>();
    long modseq;
    final byte[] bytes;
    final long internalDate;
    final FakeMime.Part mime;

    Message(long uid, byte[] bytes, long internalDate, long modseq) {
      this.uid = uid;
      this.bytes = bytes;
      this.internalDate = internalDate;
      this.modseq = modseq;
      this.mime = FakeMime.parse(bytes);
    }
  }

  public static final class Mailbox {
    final long id;
    String name;
    final long uidValidity;
    long uidNext = 1;
    long highestModseq = 1;
    boolean subscribed = true;
    String specialUse = "";
    long recentClaimedUpTo;
    final TreeMap<Long, Message> messages = new TreeMap<>();
    final TreeMap<Long, Long> expunged = new TreeMap<>(); // uid -> modseq of the expunge

    Mailbox(long id, String name, long uidValidity) {
      this.id = id;
      this.name = name;
      this.uidValidity = uidValidity;
    }

    synchronized long bump() {
      return ++highestModseq;
    }

    /** The messages whose UIDs are in {@code set}, in UID order; "*" is the largest UID in use. */
    List<Message> messagesIn(UidSet set) {
      var uids = new TreeSet<Long>();
      long max = messages.isEmpty() ? 0 : messages.lastKey();
      for (var range : set.getRangesList()) {
        long first = Integer.toUnsignedLong(range.getFirst());
        long last = Integer.toUnsignedLong(range.getLast());
        if (last == 4294967295L) {
          last = Math.max(max, first);
        }
        uids.addAll(messages.subMap(first, true, last, true).keySet());
      }
      return uids.stream().map(messages::get).toList();
    }

    /**
     * Removes a message as expunged at {@code modseq}; the tombstone lets Changes report it to a
     * client that last saw an earlier MODSEQ.
     */
    void expunge(long uid, long modseq) {
      messages.remove(uid);
      expunged.put(uid, modseq);
    }
  }

  public static final class Account {
    final String username;
    final String password;
    final Map<String, Mailbox> mailboxes = new TreeMap<>();

    Account(String username, String password) {
      this.username = username;
      this.password = password;
    }
  }

  private final Map<String, Account> accounts = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(100);
  public final AtomicLong fetchCalls = new AtomicLong();
  public final AtomicLong authFailures = new AtomicLong();

  /**
   * When set, Fetch calls wait for it before they read the mailbox: a test can act while a FETCH is
   * in flight. Counted in {@link #fetchCalls} on arrival, so a test can await the held call.
   */
  public volatile CompletableFuture<Void> fetchGate;

  /** Append calls that are over (stored, refused or abandoned by the gateway): tests await it. */
  public final AtomicLong appendsEnded = new AtomicLong();

  /** Creates (or resets) an account with INBOX, Sent, Drafts, Trash, Junk, Archive. */
  public synchronized Account reset(String username, String password) {
    var account = new Account(username, password);
    accounts.put(username.toLowerCase(Locale.ROOT), account);
    create(account, "INBOX", "");
    create(account, "Sent", "\\Sent");
    create(account, "Drafts", "\\Drafts");
    create(account, "Trash", "\\Trash");
    create(account, "Junk", "\\Junk");
    create(account, "Archive", "\\Archive");
    return account;
  }

  public Account account(String username) {
    return accounts.get(username.toLowerCase(Locale.ROOT));
  }

  /** Mail arriving from outside (as LMTP would deliver it). */
  public synchronized long deliver(String username, String mailbox, String message) {
    var box = mailbox(account(username), mailbox);
    return add(
        box, message.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis(), List.of());
  }

  synchronized long add(Mailbox box, byte[] bytes, long date, List<String> flags) {
    long uid = box.uidNext++;
    var message = new Message(uid, bytes, date, box.bump());
    message.flags.addAll(flags);
    box.messages.put(uid, message);
    return uid;
  }

  /** A flag change made by "another client". */
  public synchronized void setFlag(String username, String mailbox, long uid, String flag) {
    var box = mailbox(account(username), mailbox);
    var message = box.messages.get(uid);
    message.flags.add(flag);
    message.modseq = box.bump();
  }

  public synchronized void expungeOutside(String username, String mailbox, long uid) {
    var box = mailbox(account(username), mailbox);
    box.expunge(uid, box.bump());
  }

  public long mailboxId(String username, String mailbox) {
    return mailbox(account(username), mailbox).id;
  }

  public List<Long> uids(String username, String mailbox) {
    synchronized (this) {
      return new ArrayList<>(mailbox(account(username), mailbox).messages.keySet());
    }
  }

  public List<String> flags(String username, String mailbox, long uid) {
    synchronized (this) {
      return new ArrayList<>(mailbox(account(username), mailbox).messages.get(uid).flags);
    }
  }

  public List<String> mailboxNames(String username) {
    synchronized (this) {
      return new ArrayList<>(account(username).mailboxes.keySet());
    }
  }

  synchronized Mailbox create(Account account, String name, String specialUse) {
    if (mailboxOrNull(account, name) != null) {
      throw failure(Status.ALREADY_EXISTS, ErrorCode.ALREADYEXISTS, "exists");
    }
    int slash = name.lastIndexOf('/');
    if (slash > 0 && mailboxOrNull(account, name.substring(0, slash)) == null) {
      create(account, name.substring(0, slash), "");
    }
    long id = ids.incrementAndGet();
    var box = new Mailbox(id, name, 1000 + id);
    box.specialUse = specialUse;
    account.mailboxes.put(name, box);
    return box;
  }

  Mailbox mailboxOrNull(Account account, String name) {
    if (name.equalsIgnoreCase("INBOX")) {
      name = "INBOX";
    }
    return account.mailboxes.get(name);
  }

  Mailbox mailbox(Account account, String name) {
    var box = mailboxOrNull(account, name);
    if (box == null) {
      throw failure(Status.NOT_FOUND, ErrorCode.NONEXISTENT, "no such mailbox");
    }
    return box;
  }

  Mailbox mailbox(Account account, long id, long uidValidity) {
    for (var box : account.mailboxes.values()) {
      if (box.id == id) {
        if (box.uidValidity != uidValidity) {
          throw failure(
              Status.FAILED_PRECONDITION, ErrorCode.UIDVALIDITY_CHANGED, "uidvalidity changed");
        }
        return box;
      }
    }
    throw failure(Status.NOT_FOUND, ErrorCode.NONEXISTENT, "no such mailbox");
  }

  Account login(String username, String password) {
    var account = account(username == null ? "" : username);
    if (account == null || !account.password.equals(password)) {
      authFailures.incrementAndGet();
      throw failure(Status.UNAUTHENTICATED, ErrorCode.AUTHENTICATION_FAILED, "bad credentials");
    }
    return account;
  }

  Account byToken(String token) {
    if (token == null || !token.startsWith("Bearer tok-")) {
      throw failure(Status.UNAUTHENTICATED, ErrorCode.EXPIRED, "no token");
    }
    var account = account(token.substring("Bearer tok-".length()));
    if (account == null) {
      throw failure(Status.UNAUTHENTICATED, ErrorCode.EXPIRED, "unknown token");
    }
    return account;
  }

  static final Metadata.Key<String> MAILROOM_ERROR =
      Metadata.Key.of("mailroom-error", Metadata.ASCII_STRING_MARSHALLER);

  static StatusRuntimeException failure(Status status, ErrorCode code, String message) {
    var trailers = new Metadata();
    trailers.put(MAILROOM_ERROR, code.name());
    return status.withDescription(message).asRuntimeException(trailers);
  }
}
