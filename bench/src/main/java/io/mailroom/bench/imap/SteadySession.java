package io.mailroom.bench.imap;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * One logged-in client of imap-steady, alone on its account, so it knows exactly what its two
 * mailboxes hold: every UID with its flags and size. It runs a weighted mix of commands on its
 * mailbox until the deadline and checks each answer against that model: FETCH FLAGS shows what it
 * stored, APPENDUIDs rise, SEARCH finds what it should, and EXISTS never loses a message. APPEND
 * and EXPUNGE alternate around {@link #SIZE} messages so the mailbox stays the same size.
 */
final class SteadySession {

  static final String MAILBOX = "bench-steady";
  static final String OTHER = "bench-steady-other";
  static final int SIZE = 100;

  /** OTHER is emptied (DELETE and CREATE) when COPY and MOVE have put this many messages in it. */
  static final int OTHER_LIMIT = 50;

  private static final String HEADER_FIELDS =
      "BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT DATE MESSAGE-ID)]";
  private static final String[] FLAGS = {"\\Seen", "\\Flagged", "$Bench"};

  private final Vertx vertx;
  private final ImapClient imap;
  private final Steps steps;
  private final SplittableRandom random;
  private final IntFunction<Buffer> corpus;
  private final long idleBurstMs;
  // The model: UID -> flags and UID -> size of every message in MAILBOX.
  private final TreeMap<Long, Set<String>> flags = new TreeMap<>();
  private TreeMap<Long, Long> sizes = new TreeMap<>();
  private long maxUid;
  private long otherCount;
  private long serverCount;
  private int nextMessage = SIZE;

  private enum Op {
    FETCH_FLAGS(10),
    FETCH_HEADERS(12),
    FETCH_ENVELOPE(8),
    FETCH_BODY(10),
    FETCH_PART(6),
    STORE(14),
    APPEND_OR_EXPUNGE(8),
    COPY(3),
    MOVE(2),
    SEARCH_UNSEEN(4),
    SEARCH_SUBJECT(3),
    STATUS(4),
    LIST(3),
    NOOP(6),
    SELECT(4),
    IDLE(3);

    final int weight;

    Op(int weight) {
      this.weight = weight;
    }
  }

  private static final Op[] WHEEL = wheel();

  SteadySession(
      Vertx vertx,
      ImapClient imap,
      Steps steps,
      long seed,
      IntFunction<Buffer> corpus,
      long idleBurstMs) {
    this.vertx = vertx;
    this.imap = imap;
    this.steps = steps;
    this.random = new SplittableRandom(seed);
    this.corpus = corpus;
    this.idleBurstMs = idleBurstMs;
  }

  /** Seeds MAILBOX to SIZE messages with no flags and empties OTHER; nothing is timed. */
  Future<Void> prepare() {
    return steps
        .any(null, () -> imap.command("DELETE " + ImapClient.quote(OTHER)))
        .compose(deleted -> steps.ok(null, () -> imap.command("CREATE " + ImapClient.quote(OTHER))))
        .compose(created -> SeededMailbox.prepare(imap, steps, MAILBOX, SIZE, corpus))
        .map(
            seeded -> {
              sizes = seeded;
              seeded.keySet().forEach(uid -> flags.put(uid, new HashSet<>()));
              maxUid = seeded.isEmpty() ? 0 : seeded.lastKey();
              serverCount = seeded.size();
              return null;
            });
  }

  /** Runs the mix until deadlineNanos; the future fails only if the session broke. */
  Future<Void> runUntil(long deadlineNanos) {
    Promise<Void> done = Promise.promise();
    next(deadlineNanos, done);
    return done.future();
  }

  /** Empties OTHER again so the account does not grow from run to run, then logs out. */
  Future<Void> finish() {
    return steps
        .any(null, () -> imap.command("DELETE " + ImapClient.quote(OTHER)))
        .compose(deleted -> imap.logout())
        .mapEmpty();
  }

  private void next(long deadlineNanos, Promise<Void> done) {
    if (System.nanoTime() >= deadlineNanos) {
      done.tryComplete();
      return;
    }
    step(WHEEL[random.nextInt(WHEEL.length)])
        .onComplete(
            ar -> {
              if (ar.failed()) {
                steps.broken(ar.cause());
                done.tryFail(ar.cause());
              } else {
                next(deadlineNanos, done);
              }
            });
  }

  private Future<?> step(Op op) {
    return switch (op) {
      case FETCH_FLAGS -> fetchFlags();
      case FETCH_HEADERS ->
          fetchRange("FETCH-HEADERS", 20, HEADER_FIELDS, r -> r.literals().size() == 1);
      case FETCH_ENVELOPE ->
          fetchRange(
              "FETCH-ENVELOPE",
              10,
              "ENVELOPE BODYSTRUCTURE",
              r -> r.text().contains("ENVELOPE (") && r.text().contains("BODYSTRUCTURE ("));
      case FETCH_BODY -> fetchBody();
      case FETCH_PART -> fetchPart();
      case STORE -> store();
      case APPEND_OR_EXPUNGE ->
          flags.size() > SIZE || (flags.size() == SIZE && random.nextBoolean())
              ? expunge()
              : append();
      case COPY -> copyOrMove(false);
      case MOVE -> copyOrMove(imap.hasCapability("MOVE"));
      case SEARCH_UNSEEN -> searchUnseen();
      case SEARCH_SUBJECT -> searchSubject();
      case STATUS -> status();
      case LIST -> list();
      case NOOP -> noop();
      case SELECT -> examineThenSelect();
      case IDLE -> idleBurst();
    };
  }

  /** Sends a command under op, tracks EXISTS/EXPUNGE in its untagged responses. */
  private Future<ImapReply> run(String op, String command) {
    return steps.ok(op, () -> imap.command(command)).map(this::track);
  }

  private ImapReply track(ImapReply reply) {
    for (ImapResponse r : reply.untagged()) {
      long exists = r.numbered("EXISTS");
      if (exists >= 0) {
        serverCount = exists;
      } else if (r.numbered("EXPUNGE") >= 0) {
        serverCount--;
      }
    }
    return reply;
  }

  private Future<?> fetchFlags() {
    return run("FETCH-FLAGS", "UID FETCH 1:* (FLAGS)")
        .map(
            reply -> {
              if (reply.ok()) {
                checkFlags(reply);
              }
              return null;
            });
  }

  /**
   * The server lists messages in sequence order, which is UID order, so its lines are compared with
   * the model walking both in step; a full difference is built only for the failure message.
   */
  private void checkFlags(ImapReply reply) {
    List<ImapValues.UidFlags> listed = new ArrayList<>(flags.size());
    for (ImapResponse r : reply.untagged()) {
      ImapValues.UidFlags fetched = ImapValues.uidAndFlags(r);
      if (fetched != null) {
        listed.add(fetched);
      }
    }
    boolean same = listed.size() == flags.size();
    java.util.Iterator<Map.Entry<Long, Set<String>>> model = flags.entrySet().iterator();
    for (int i = 0; same && i < listed.size(); i++) {
      Map.Entry<Long, Set<String>> expected = model.next();
      ImapValues.UidFlags got = listed.get(i);
      same = got.uid() == expected.getKey() && sameFlags(got.flags(), expected.getValue());
    }
    if (same) {
      steps.check(true, () -> "");
      return;
    }
    Map<Long, List<String>> seen = new TreeMap<>();
    listed.forEach(f -> seen.put(f.uid(), f.flags()));
    if (!seen.keySet().equals(flags.keySet())) {
      steps.check(
          false,
          () ->
              "UID FETCH 1:* (FLAGS) listed "
                  + seen.size()
                  + " messages, expected "
                  + flags.size()
                  + " ("
                  + difference(seen.keySet(), flags.keySet())
                  + ")");
      return;
    }
    for (Map.Entry<Long, List<String>> e : seen.entrySet()) {
      Set<String> expected = flags.get(e.getKey());
      if (!sameFlags(e.getValue(), expected)) {
        steps.check(
            false,
            () -> "UID " + e.getKey() + " has FLAGS " + e.getValue() + ", stored " + expected);
        return;
      }
    }
    steps.check(false, () -> "UID FETCH 1:* (FLAGS) listed messages out of UID order");
  }

  /** Compared without building a set: servers do not repeat a flag. */
  private static boolean sameFlags(List<String> got, Set<String> expected) {
    return got.size() == expected.size() && expected.containsAll(got);
  }

  /**
   * FETCH of a run of consecutive UIDs; each must come back with what was asked for, which is
   * recognised cheaply (a literal, or the item names) rather than by parsing every ENVELOPE.
   */
  private Future<?> fetchRange(
      String op, int count, String items, java.util.function.Predicate<ImapResponse> complete) {
    List<Long> uids = randomRun(count);
    if (uids.isEmpty()) {
      return noop();
    }
    String range = uids.get(0) + ":" + uids.get(uids.size() - 1);
    return run(op, "UID FETCH " + range + " (" + items + ")")
        .map(
            reply -> {
              if (!reply.ok()) {
                return null;
              }
              int matching = 0;
              for (ImapResponse r : reply.untagged()) {
                if (r.numbered("FETCH") >= 0 && complete.test(r)) {
                  matching++;
                }
              }
              int got = matching;
              steps.check(
                  got == uids.size(),
                  () -> "UID FETCH " + range + " (" + items + "): " + got + " of " + uids.size());
              return null;
            });
  }

  private Future<?> fetchBody() {
    long uid = randomUid();
    if (uid < 0) {
      return noop();
    }
    return run("FETCH-BODY", "UID FETCH " + uid + " (BODY.PEEK[])")
        .map(
            reply -> {
              if (reply.ok()) {
                Object body = firstItem(reply, "BODY[]");
                long expected = sizes.getOrDefault(uid, -1L);
                long got = body instanceof Buffer b ? b.length() : -1;
                steps.check(
                    got == expected,
                    () -> "UID " + uid + " BODY[] has " + got + " bytes, RFC822.SIZE " + expected);
              }
              return null;
            });
  }

  private Future<?> fetchPart() {
    long uid = randomUid();
    if (uid < 0) {
      return noop();
    }
    return run("FETCH-PART", "UID FETCH " + uid + " (BODY.PEEK[1])")
        .map(
            reply -> {
              if (reply.ok()) {
                steps.check(
                    firstItem(reply, "BODY[1]") != null, () -> "UID " + uid + " without BODY[1]");
              }
              return null;
            });
  }

  private Future<?> store() {
    long uid = randomUid();
    if (uid < 0) {
      return noop();
    }
    String flag = FLAGS[random.nextInt(FLAGS.length)];
    boolean add = random.nextBoolean();
    return run("STORE", "UID STORE " + uid + (add ? " +FLAGS (" : " -FLAGS (") + flag + ")")
        .map(
            reply -> {
              if (!reply.ok()) {
                return null;
              }
              Set<String> model = flags.get(uid);
              if (add) {
                model.add(flag);
              } else {
                model.remove(flag);
              }
              for (ImapResponse r : reply.untagged()) {
                ImapValues.UidFlags fetch = ImapValues.uidAndFlags(r);
                if (fetch != null) {
                  List<String> got = fetch.flags();
                  steps.check(
                      sameFlags(got, model),
                      () ->
                          "STORE on UID " + uid + " answered FLAGS " + got + ", expected " + model);
                }
              }
              return null;
            });
  }

  private Future<?> append() {
    Buffer message = corpus.apply(nextMessage++);
    return steps
        .ok("APPEND", () -> imap.append(MAILBOX, "", message))
        .map(this::track)
        .map(
            reply -> {
              if (!reply.ok()) {
                return null;
              }
              long uid = appendUid(reply.code());
              long previous = maxUid;
              steps.check(
                  uid > previous,
                  () -> "APPEND answered [" + reply.code() + "], expected a UID above " + previous);
              if (uid > previous) {
                maxUid = uid;
                flags.put(uid, new HashSet<>());
                sizes.put(uid, (long) message.length());
              }
              return null;
            });
  }

  private Future<?> expunge() {
    long uid = randomUid();
    if (uid < 0) {
      return noop();
    }
    return run("STORE", "UID STORE " + uid + " +FLAGS.SILENT (\\Deleted)")
        .compose(
            stored -> {
              if (!stored.ok()) {
                return Future.succeededFuture();
              }
              flags.get(uid).add("\\Deleted");
              return run("EXPUNGE", "EXPUNGE")
                  .map(
                      reply -> {
                        if (reply.ok()) {
                          steps.check(
                              reply.expunged() == 1,
                              () -> "EXPUNGE of UID " + uid + " expunged " + reply.expunged());
                          flags.remove(uid);
                          sizes.remove(uid);
                        }
                        return null;
                      });
            });
  }

  private Future<?> copyOrMove(boolean move) {
    long uid = randomUid();
    if (uid < 0) {
      return noop();
    }
    Future<?> room =
        otherCount < OTHER_LIMIT
            ? Future.succeededFuture()
            : run("DELETE", "DELETE " + ImapClient.quote(OTHER))
                .compose(deleted -> run("CREATE", "CREATE " + ImapClient.quote(OTHER)))
                .map(created -> otherCount = 0);
    String command = (move ? "UID MOVE " : "UID COPY ") + uid + " " + ImapClient.quote(OTHER);
    return room.compose(ignored -> run(move ? "MOVE" : "COPY", command))
        .map(
            reply -> {
              if (!reply.ok()) {
                return null;
              }
              otherCount++;
              if (move) {
                steps.check(
                    reply.expunged() == 1,
                    () -> "MOVE of UID " + uid + " expunged " + reply.expunged() + " messages");
                flags.remove(uid);
                sizes.remove(uid);
              } else {
                steps.check(
                    reply.code().regionMatches(true, 0, "COPYUID ", 0, 8),
                    () -> "COPY answered [" + reply.code() + "], expected COPYUID");
              }
              return null;
            });
  }

  private Future<?> searchUnseen() {
    return run("SEARCH", "UID SEARCH UNSEEN")
        .map(
            reply -> {
              if (reply.ok()) {
                Set<Long> expected = new TreeSet<>();
                flags.forEach(
                    (uid, set) -> {
                      if (!set.contains("\\Seen")) {
                        expected.add(uid);
                      }
                    });
                Set<Long> got = searched(reply);
                steps.check(
                    got.equals(expected), () -> "UID SEARCH UNSEEN: " + difference(got, expected));
              }
              return null;
            });
  }

  private Future<?> searchSubject() {
    return run("SEARCH", "UID SEARCH SUBJECT \"bench\"")
        .map(
            reply -> {
              if (reply.ok()) {
                Set<Long> got = searched(reply);
                steps.check(
                    got.equals(flags.keySet()),
                    () -> "UID SEARCH SUBJECT bench: " + difference(got, flags.keySet()));
              }
              return null;
            });
  }

  private Future<?> status() {
    return run("STATUS", "STATUS " + ImapClient.quote(OTHER) + " (MESSAGES UIDNEXT UNSEEN)")
        .map(
            reply -> {
              if (reply.ok()) {
                Long messages = null;
                for (ImapResponse r : reply.untagged()) {
                  if (r.isData("STATUS")) {
                    messages = ImapValues.status(r).get("MESSAGES");
                  }
                }
                Long got = messages;
                steps.check(
                    got != null && got == otherCount,
                    () -> "STATUS " + OTHER + " MESSAGES " + got + ", expected " + otherCount);
              }
              return null;
            });
  }

  private Future<?> list() {
    return run("LIST", "LIST \"\" \"*\"")
        .map(
            reply -> {
              if (reply.ok()) {
                Set<String> names = new HashSet<>();
                for (ImapResponse r : reply.untagged()) {
                  if (r.isData("LIST")) {
                    List<Object> data = ImapValues.data(r);
                    if (!data.isEmpty() && data.get(data.size() - 1) instanceof String name) {
                      names.add(name);
                    }
                  }
                }
                steps.check(
                    names.contains(MAILBOX) && names.contains(OTHER),
                    () -> "LIST lacks " + MAILBOX + " or " + OTHER + ": " + names);
              }
              return null;
            });
  }

  private Future<?> noop() {
    return run("NOOP", "NOOP")
        .map(
            reply -> {
              if (reply.ok()) {
                checkCount("NOOP", serverCount);
              }
              return null;
            });
  }

  private Future<?> examineThenSelect() {
    return run("EXAMINE", "EXAMINE " + ImapClient.quote(MAILBOX))
        .compose(
            examined -> {
              if (examined.ok()) {
                checkCount("EXAMINE", examined.exists());
              }
              return run("SELECT", "SELECT " + ImapClient.quote(MAILBOX));
            })
        .map(
            selected -> {
              if (selected.ok()) {
                checkCount("SELECT", selected.exists());
              }
              return null;
            });
  }

  /** IDLE, a short pause as a client waiting for mail, DONE; nothing should arrive meanwhile. */
  private Future<?> idleBurst() {
    long start = System.nanoTime();
    return imap.idle(unsolicited -> {})
        .compose(
            idling -> {
              steps.recorder().record("IDLE", start);
              Promise<Void> paused = Promise.promise();
              vertx.setTimer(idleBurstMs, id -> paused.complete());
              return paused.future();
            })
        .compose(paused -> steps.ok("DONE", imap::done));
  }

  private void checkCount(String command, long count) {
    steps.check(
        count == flags.size(),
        () -> command + " reports " + count + " messages, the session holds " + flags.size());
    serverCount = count;
  }

  private long randomUid() {
    if (flags.isEmpty()) {
      return -1;
    }
    long pick = flags.firstKey() + random.nextLong(maxUid - flags.firstKey() + 1);
    Long uid = flags.ceilingKey(pick);
    return uid == null ? flags.lastKey() : uid;
  }

  /** Up to count consecutive UIDs of the model, from a random one. */
  private List<Long> randomRun(int count) {
    long from = randomUid();
    List<Long> run = new ArrayList<>(count);
    if (from < 0) {
      return run;
    }
    NavigableMap<Long, Set<String>> tail = flags.tailMap(from, true);
    for (Long uid : tail.keySet()) {
      if (run.size() == count) {
        break;
      }
      run.add(uid);
    }
    return run;
  }

  private static Object firstItem(ImapReply reply, String prefix) {
    for (ImapResponse r : reply.untagged()) {
      ImapValues.Fetch fetch = ImapValues.fetch(r);
      if (fetch != null) {
        Object item = fetch.item(prefix);
        if (item != null) {
          return item;
        }
      }
    }
    return null;
  }

  private static Set<Long> searched(ImapReply reply) {
    Set<Long> uids = new TreeSet<>();
    for (ImapResponse r : reply.untagged()) {
      if (r.isData("SEARCH")) {
        uids.addAll(ImapValues.searchResults(r));
      }
    }
    return uids;
  }

  /** The UID of an APPENDUID code ("APPENDUID validity uid"), or -1. */
  static long appendUid(String code) {
    if (!code.regionMatches(true, 0, "APPENDUID ", 0, 10)) {
      return -1;
    }
    String[] parts = code.split(" ");
    try {
      return parts.length == 3 ? Long.parseLong(parts[2]) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String difference(Set<Long> got, Set<Long> expected) {
    Set<Long> missing = new TreeSet<>(expected);
    missing.removeAll(got);
    Set<Long> extra = new TreeSet<>(got);
    extra.removeAll(expected);
    return "missing " + shortList(missing) + ", unexpected " + shortList(extra);
  }

  private static String shortList(Set<Long> uids) {
    List<Long> first = new ArrayList<>(uids).subList(0, Math.min(5, uids.size()));
    return first + (uids.size() > 5 ? "+" + (uids.size() - 5) : "");
  }

  private static Op[] wheel() {
    List<Op> wheel = new ArrayList<>();
    for (Op op : Op.values()) {
      for (int i = 0; i < op.weight; i++) {
        wheel.add(op);
      }
    }
    return wheel.toArray(new Op[0]);
  }
}
