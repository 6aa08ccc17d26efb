package io.mailroom.bench.pop3;

import io.mailroom.bench.Account;
import io.mailroom.bench.BenchContext;
import io.mailroom.bench.Recorder;
import io.mailroom.bench.SessionFailure;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * One POP3 session of the pop3 workload, as a mail client downloads: USER, PASS, STAT, UIDL, RETR
 * of every message (and DELE of each when deleting), QUIT. It stops fetching when the window's
 * deadline passes and then quits, so a slow server is measured on what it did in the window.
 *
 * <p>Checks: every command +OK; STAT counts what was seeded; UIDL lists one unique id per message
 * and the same ids as the account's earlier sessions; each RETR's octets match its bytes, it is one
 * of the seeded messages, byte for byte after the delivery's trace headers, and no message comes
 * twice.
 */
final class DownloadSession {

  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final BenchContext ctx;
  private final Recorder recorder;
  private final SeededMaildrop maildrop;
  private final Account account;
  private final int slot;
  private final boolean delete;
  private final long deadlineNanos;
  private final int expectedCount;
  private final List<String> knownUids;

  /** What one session did. */
  record Outcome(int retrieved, int deleted, boolean complete, List<String> uids) {}

  /**
   * @param expectedCount what STAT must say
   * @param knownUids the account's UIDL from an earlier session, or null on the first
   */
  DownloadSession(
      BenchContext ctx,
      Recorder recorder,
      SeededMaildrop maildrop,
      Account account,
      int slot,
      boolean delete,
      long deadlineNanos,
      int expectedCount,
      List<String> knownUids) {
    this.ctx = ctx;
    this.recorder = recorder;
    this.maildrop = maildrop;
    this.account = account;
    this.slot = slot;
    this.delete = delete;
    this.deadlineNanos = deadlineNanos;
    this.expectedCount = expectedCount;
    this.knownUids = knownUids;
  }

  /** A POP3 session from the given source-address slot of the target's POP3 port. */
  static Future<Pop3Client> connect(BenchContext ctx, int slot) {
    return Pop3Client.connect(
        ctx.vertx(), ctx.netClient(slot), ctx.options().host(), ctx.options().pop3Port(), TIMEOUT);
  }

  /** Never fails: a broken session is counted and its outcome says how far it got. */
  Future<Outcome> run() {
    int[] done = new int[2];
    List<String>[] uids = new List[] {knownUids};
    return connect(ctx, slot)
        .compose(
            pop3 ->
                must("USER", () -> pop3.user(account.username()))
                    .compose(u -> must("PASS", () -> pop3.pass(account.password())))
                    .compose(p -> must("STAT", pop3::stat))
                    .compose(
                        stat -> {
                          int count = (int) Math.max(0, stat.leadingNumber());
                          check(
                              count == expectedCount,
                              () ->
                                  "STAT says " + count + " messages, " + expectedCount + " seeded");
                          return must("UIDL", pop3::uidl)
                              .compose(
                                  uidl -> {
                                    uids[0] = checkUidl(uidl, count);
                                    return fetch(pop3, 1, count, new BitSet(), done);
                                  });
                        })
                    .compose(all -> ok("QUIT", pop3::quit).map(all))
                    .eventually(v -> pop3.close()))
        .map(all -> new Outcome(done[0], done[1], all, uids[0]))
        .otherwise(
            failure -> {
              if (failure instanceof Refused) {
                return new Outcome(done[0], done[1], false, uids[0]); // counted where refused
              }
              recorder.error(bucket(failure));
              recorder.fail(account.username() + ": POP3 session broke: " + failure.getMessage());
              return new Outcome(done[0], done[1], false, uids[0]);
            });
  }

  /** RETR (and DELE) message n, then the next, until count or the deadline; true if all done. */
  private Future<Boolean> fetch(Pop3Client pop3, int n, int count, BitSet seen, int[] done) {
    if (n > count) {
      check(
          seen.cardinality() == maildrop.count() || count != maildrop.count(),
          () -> "retrieved " + seen.cardinality() + " distinct messages of " + maildrop.count());
      return Future.succeededFuture(true);
    }
    if (System.nanoTime() >= deadlineNanos) {
      return Future.succeededFuture(false);
    }
    long start = System.nanoTime();
    return pop3.retr(n)
        .compose(
            retr -> {
              recorder.record("RETR", start);
              if (!retr.ok()) {
                recorder.error(Recorder.NO);
                recorder.fail(account.username() + ": RETR " + n + " answered -ERR " + retr.text());
                return fetch(pop3, n + 1, count, seen, done);
              }
              done[0]++;
              checkMessage(n, retr, seen);
              if (!delete) {
                return fetch(pop3, n + 1, count, seen, done);
              }
              return ok("DELE", () -> pop3.dele(n))
                  .compose(
                      dele -> {
                        if (dele.ok()) {
                          done[1]++;
                        }
                        return fetch(pop3, n + 1, count, seen, done);
                      });
            });
  }

  private void checkMessage(int n, Pop3Reply retr, BitSet seen) {
    long octets = retr.leadingNumber();
    if (octets >= 0) {
      check(
          octets == retr.body().length(),
          () -> "RETR " + n + " announced " + octets + " octets, sent " + retr.body().length());
    }
    OptionalInt index = maildrop.identify(retr.body());
    if (!check(
        index.isPresent(), () -> "RETR " + n + " is not a seeded message (no known Message-ID)")) {
      return;
    }
    int i = index.getAsInt();
    check(
        maildrop.intact(retr.body(), i),
        () -> "RETR " + n + " (bench " + i + ") differs from what was delivered");
    int bit = i - maildrop.first();
    check(!seen.get(bit), () -> "RETR " + n + " (bench " + i + ") came twice in one session");
    seen.set(bit);
  }

  private List<String> checkUidl(Pop3Reply uidl, int count) {
    List<String> uids = Pop3Client.listing(uidl).stream().map(Pop3Client.Listing::value).toList();
    check(uids.size() == count, () -> "UIDL lists " + uids.size() + " of " + count + " messages");
    check(uids.stream().distinct().count() == uids.size(), () -> "UIDL repeats a unique id");
    if (knownUids != null && !delete) {
      check(uids.equals(knownUids), () -> "UIDL changed between sessions without a DELE");
    }
    return uids;
  }

  /** A -ERR that ends the session; already counted by {@link #ok}. */
  private static final class Refused extends RuntimeException {
    Refused(String op) {
      super(op + " refused", null, false, false);
    }
  }

  /** A command without whose +OK the session cannot go on (USER, PASS, STAT, UIDL). */
  private Future<Pop3Reply> must(String op, Supplier<Future<Pop3Reply>> command) {
    return ok(op, command)
        .compose(
            reply ->
                reply.ok() ? Future.succeededFuture(reply) : Future.failedFuture(new Refused(op)));
  }

  /** A command that should answer +OK, timed under op. */
  private Future<Pop3Reply> ok(String op, Supplier<Future<Pop3Reply>> command) {
    long start = System.nanoTime();
    return command
        .get()
        .map(
            reply -> {
              recorder.latency(op, System.nanoTime() - start);
              if (reply.ok()) {
                recorder.pass();
              } else {
                // -ERR is POP3's NO: counted in the same bucket so the tables line up with IMAP.
                recorder.error(Recorder.NO);
                recorder.fail(account.username() + ": " + op + " answered -ERR " + reply.text());
              }
              return reply;
            });
  }

  private boolean check(boolean ok, Supplier<String> failure) {
    return recorder.check(ok, () -> account.username() + ": " + failure.get());
  }

  static String bucket(Throwable failure) {
    return failure instanceof SessionFailure pop3 ? pop3.kind().bucket() : "other";
  }
}
