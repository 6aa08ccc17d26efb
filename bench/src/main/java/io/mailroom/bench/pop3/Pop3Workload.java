package io.mailroom.bench.pop3;

import io.mailroom.bench.Account;
import io.mailroom.bench.BenchContext;
import io.mailroom.bench.BenchOptions;
import io.mailroom.bench.MeasuringWindow;
import io.mailroom.bench.Recorder;
import io.mailroom.bench.SourceAddresses;
import io.mailroom.bench.Workload;
import io.mailroom.bench.WorkloadResult;
import io.mailroom.bench.lmtp.CorpusDelivery;
import io.mailroom.bench.lmtp.LmtpClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * pop3: min(--clients, {@value #MAX_USERS}) accounts, each given the same {@value #MESSAGES} corpus
 * messages through LMTP before any window (emptied first through POP3, since earlier workloads may
 * have left mail). The issue's figure is 20 users × 200 messages, 20 in parallel; --clients only
 * lowers the user count, for smoke runs.
 *
 * <p>Two phases, one session per user at a time as POP3's maildrop lock demands:
 *
 * <ul>
 *   <li>pop3-keep: for --secs, each user downloads its whole maildrop again and again (USER, PASS,
 *       STAT, UIDL, RETR of every message, QUIT leaving them);
 *   <li>pop3-dele: one pass per user (or until --secs) with a DELE after each RETR, then a new
 *       session checks that STAT shows exactly the messages not deleted.
 * </ul>
 *
 * Throughput is messages retrieved per second; latency is kept per command.
 */
public final class Pop3Workload implements Workload {

  static final int MAX_USERS = 20;
  static final int MESSAGES = 200;

  /** Corpus 800-999: ordinary sizes and, at 999, one of the few MB-sized messages. */
  static final int FIRST_MESSAGE = 800;

  static final int SEED_CONNECTIONS = 4;
  static final int RECIPIENTS_PER_DELIVERY = 10;

  /**
   * Mailroom allows 20 POP3 connections per client address: ten per source address keeps a session
   * that has just quit and one that is starting inside the limit.
   */
  static final int SESSIONS_PER_ADDRESS = 10;

  @Override
  public String name() {
    return "pop3";
  }

  @Override
  public int accountsNeeded(BenchOptions options) {
    return Math.min(options.clients(), MAX_USERS);
  }

  @Override
  public List<WorkloadResult> run(BenchContext ctx) throws Exception {
    List<Account> users = ctx.accounts(accountsNeeded(ctx.options()));
    ctx.prepareMessages(FIRST_MESSAGE, MESSAGES);
    SeededMaildrop maildrop = new SeededMaildrop(ctx, FIRST_MESSAGE, MESSAGES);

    Recorder keep = ctx.newRecorder();
    empty(ctx, keep, users);
    seed(ctx, keep, users);

    List<WorkloadResult> results = new ArrayList<>();
    results.add(keepPhase(ctx, keep, maildrop, users));
    results.add(delePhase(ctx, maildrop, users));
    return results;
  }

  private WorkloadResult keepPhase(
      BenchContext ctx, Recorder recorder, SeededMaildrop maildrop, List<Account> users)
      throws Exception {
    MeasuringWindow window = ctx.openWindow("pop3-keep", recorder);
    long deadline = System.nanoTime() + ctx.options().secs() * 1_000_000_000L;
    AtomicInteger sessions = new AtomicInteger();
    AtomicInteger complete = new AtomicInteger();
    List<Future<Void>> loops = new ArrayList<>();
    for (int u = 0; u < users.size(); u++) {
      Promise<Void> done = Promise.promise();
      keepLoop(ctx, recorder, maildrop, users.get(u), u, deadline, null, sessions, complete, done);
      loops.add(done.future());
    }
    BenchContext.await(Future.join(new ArrayList<>(loops)));
    window.stop();
    return window.result(
        "messages/s",
        Map.of(
            "users", users.size(),
            "messagesPerUser", MESSAGES,
            "sessions", sessions.get(),
            "completeSessions", complete.get()));
  }

  /** Sessions of one user, back to back, until the deadline. */
  private void keepLoop(
      BenchContext ctx,
      Recorder recorder,
      SeededMaildrop maildrop,
      Account user,
      int u,
      long deadline,
      List<String> uids,
      AtomicInteger sessions,
      AtomicInteger complete,
      Promise<Void> done) {
    if (System.nanoTime() >= deadline) {
      done.complete();
      return;
    }
    sessions.incrementAndGet();
    new DownloadSession(ctx, recorder, maildrop, user, slot(u), false, deadline, MESSAGES, uids)
        .run()
        .onComplete(
            ar -> {
              DownloadSession.Outcome outcome = ar.result();
              if (outcome.complete()) {
                complete.incrementAndGet();
              }
              List<String> known = outcome.uids() != null ? outcome.uids() : uids;
              if (!outcome.complete() && outcome.retrieved() == 0) {
                // A refused or broken session: do not hammer the server in a tight loop.
                ctx.vertx()
                    .setTimer(
                        200,
                        id ->
                            keepLoop(
                                ctx, recorder, maildrop, user, u, deadline, known, sessions,
                                complete, done));
                return;
              }
              keepLoop(ctx, recorder, maildrop, user, u, deadline, known, sessions, complete, done);
            });
  }

  private WorkloadResult delePhase(BenchContext ctx, SeededMaildrop maildrop, List<Account> users)
      throws Exception {
    Recorder recorder = ctx.newRecorder();
    MeasuringWindow window = ctx.openWindow("pop3-dele", recorder);
    long deadline = System.nanoTime() + ctx.options().secs() * 1_000_000_000L;
    List<Future<DownloadSession.Outcome>> passes = new ArrayList<>();
    for (int u = 0; u < users.size(); u++) {
      passes.add(
          new DownloadSession(
                  ctx, recorder, maildrop, users.get(u), slot(u), true, deadline, MESSAGES, null)
              .run());
    }
    BenchContext.await(Future.join(new ArrayList<>(passes)));
    window.stop();

    // Not measured: each maildrop now holds exactly what was not deleted.
    int deleted = 0;
    List<Future<?>> checks = new ArrayList<>();
    for (int u = 0; u < users.size(); u++) {
      DownloadSession.Outcome outcome = passes.get(u).result();
      deleted += outcome.deleted();
      checks.add(remaining(ctx, recorder, users.get(u), u, MESSAGES - outcome.deleted()));
    }
    BenchContext.await(Future.join(checks));
    return window.result(
        "messages/s",
        Map.of("users", users.size(), "messagesPerUser", MESSAGES, "deleted", deleted));
  }

  /** A new session's STAT must count the messages the pass did not delete. */
  private static Future<Void> remaining(
      BenchContext ctx, Recorder recorder, Account user, int u, int expected) {
    return DownloadSession.connect(ctx, slot(u))
        .compose(
            pop3 ->
                pop3.login(user.username(), user.password())
                    .compose(login -> login.ok() ? pop3.stat() : Future.succeededFuture(login))
                    .map(
                        stat -> {
                          recorder.check(
                              stat.ok() && stat.text().startsWith(expected + " "),
                              () ->
                                  user.username()
                                      + ": after the DELE pass STAT says '"
                                      + stat
                                      + "', expected "
                                      + expected
                                      + " messages");
                          return null;
                        })
                    .eventually(v -> pop3.quit().otherwiseEmpty()))
        .recover(
            e -> {
              recorder.error(DownloadSession.bucket(e));
              recorder.fail(user.username() + ": STAT after the DELE pass: " + e.getMessage());
              return Future.succeededFuture();
            })
        .mapEmpty();
  }

  /** Deletes whatever earlier workloads left in the maildrops (not measured). */
  private static void empty(BenchContext ctx, Recorder recorder, List<Account> users)
      throws Exception {
    List<Future<?>> emptied = new ArrayList<>();
    for (int u = 0; u < users.size(); u++) {
      Account user = users.get(u);
      emptied.add(
          DownloadSession.connect(ctx, slot(u))
              .compose(
                  pop3 ->
                      pop3.login(user.username(), user.password())
                          .compose(
                              login -> {
                                if (!login.ok()) {
                                  recorder.fail(user.username() + ": POP3 login refused: " + login);
                                  return Future.succeededFuture();
                                }
                                return pop3.stat()
                                    .compose(stat -> deleAll(pop3, 1, (int) stat.number(0)));
                              })
                          .eventually(v -> pop3.quit().otherwiseEmpty()))
              .recover(
                  e -> {
                    recorder.fail(user.username() + ": emptying the maildrop: " + e.getMessage());
                    return Future.succeededFuture();
                  }));
    }
    BenchContext.await(Future.join(emptied));
  }

  private static Future<Void> deleAll(Pop3Client pop3, int n, int count) {
    if (n > count) {
      return Future.succeededFuture();
    }
    return pop3.dele(n).compose(r -> deleAll(pop3, n + 1, count));
  }

  /** Every user gets messages FIRST_MESSAGE.. in order, ten recipients per transaction. */
  private static void seed(BenchContext ctx, Recorder recorder, List<Account> users)
      throws Exception {
    List<CorpusDelivery.Job> jobs = new ArrayList<>();
    for (int m = 0; m < MESSAGES; m++) {
      for (int from = 0; from < users.size(); from += RECIPIENTS_PER_DELIVERY) {
        List<String> recipients = new ArrayList<>();
        for (Account user :
            users.subList(from, Math.min(users.size(), from + RECIPIENTS_PER_DELIVERY))) {
          recipients.add(user.username() + "@" + ctx.options().lmtpDomain());
        }
        jobs.add(new CorpusDelivery.Job(FIRST_MESSAGE + m, recipients));
      }
    }
    AtomicInteger next = new AtomicInteger();
    BenchContext.await(
        CorpusDelivery.run(
            ctx,
            SEED_CONNECTIONS,
            0,
            () -> {
              int j = next.getAndIncrement();
              return j < jobs.size() ? jobs.get(j) : null;
            },
            new CorpusDelivery.Listener() {
              @Override
              public void delivered(
                  CorpusDelivery.Job job, LmtpClient.Delivery delivery, long start, long end) {
                recorder.check(
                    delivery.delivered(),
                    () ->
                        "seeding bench "
                            + job.message()
                            + " to "
                            + job.recipients()
                            + ": "
                            + delivery);
              }

              @Override
              public void broken(Throwable failure) {
                recorder.fail("seeding over LMTP broke: " + failure.getMessage());
              }
            }));
  }

  /** The connection slot of user u's sessions: at most ten users per source address. */
  static int slot(int u) {
    return (u / SESSIONS_PER_ADDRESS) * SourceAddresses.PER_ADDRESS + u % SESSIONS_PER_ADDRESS;
  }
}
