package io.mailroom.bench.imap;

import io.mailroom.bench.Account;
import io.mailroom.bench.BenchContext;
import io.mailroom.bench.BenchOptions;
import io.mailroom.bench.MeasuringWindow;
import io.mailroom.bench.ProcessMeter;
import io.mailroom.bench.Recorder;
import io.mailroom.bench.Workload;
import io.mailroom.bench.WorkloadResult;
import io.mailroom.bench.lmtp.LmtpClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * idle: --idle-sessions sessions that LOGIN, SELECT INBOX and IDLE, at most {@link #PER_ACCOUNT} on
 * one account (Dovecot's default per-user-and-address limit) and opened {@link #RAMP_CONCURRENCY}
 * at a time. The window is the ramp: throughput is sessions opened per second. Then, with every
 * session idling, the private memory (RssAnon; and, apart, the RSS) each metered group gained since
 * before the first connection, per session; then one LMTP delivery to each account, and the time
 * from the delivery's 250 until each of its sessions sees EXISTS. Every session must see it.
 */
public final class IdleWorkload implements Workload {

  static final int PER_ACCOUNT = 10;
  static final int RAMP_CONCURRENCY = 50;
  static final int LMTP_CONNECTIONS = 4;
  static final long SETTLE_MS = 2000;
  static final Duration EXISTS_WAIT = Duration.ofSeconds(30);

  /** The corpus message delivered to every mailbox: a small plain one. */
  static final int DELIVERED_MESSAGE = 5;

  @Override
  public String name() {
    return "idle";
  }

  @Override
  public int accountsNeeded(BenchOptions options) {
    return (options.idleSessions() + PER_ACCOUNT - 1) / PER_ACCOUNT;
  }

  @Override
  public List<WorkloadResult> run(BenchContext ctx) throws Exception {
    BenchOptions options = ctx.options();
    int sessionCount = options.idleSessions();
    List<Account> accounts = ctx.accounts(accountsNeeded(options));
    Recorder recorder = ctx.newRecorder();
    Steps steps = new Steps(recorder, false, "idle");

    ProcessMeter.Sample before = ctx.meter().sample();
    Map<String, Long> anonBefore = PrivateMemory.anonKb(options.measure());
    MeasuringWindow window = ctx.openWindow(name(), recorder);
    AtomicReferenceArray<IdleSession> sessions = new AtomicReferenceArray<>(sessionCount);
    BenchContext.await(
        inLanes(
            sessionCount,
            RAMP_CONCURRENCY,
            j ->
                open(ctx, steps, j, j % accounts.size(), accounts.get(j % accounts.size()))
                    .map(
                        session -> {
                          sessions.set(j, session);
                          return null;
                        })
                    .otherwiseEmpty()));
    window.stop();

    List<IdleSession> idling = new ArrayList<>();
    for (int j = 0; j < sessionCount; j++) {
      if (sessions.get(j) != null) {
        idling.add(sessions.get(j));
      }
    }
    Thread.sleep(SETTLE_MS);
    ProcessMeter.Sample after = ctx.meter().sample();
    Map<String, Long> anonAfter = PrivateMemory.anonKb(options.measure());
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("sessions", idling.size());
    extra.put("accounts", accounts.size());
    perSession(ctx, before.rssKb(), after.rssKb(), idling.size(), "rssPerIdleConnectionKb", extra);
    perSession(ctx, anonBefore, anonAfter, idling.size(), "memoryPerIdleConnectionKb", extra);

    long[] deliveredNanos = deliver(ctx, steps, accounts);
    awaitExists(idling, deliveredNanos);
    for (IdleSession session : idling) {
      long delivered = deliveredNanos[session.account];
      if (delivered < 0) {
        continue; // the delivery failed, already counted
      }
      if (steps
          .recorder()
          .check(
              session.sawNewMail(),
              () ->
                  "session "
                      + session.index
                      + " ("
                      + accounts.get(session.account).username()
                      + ") saw no EXISTS within "
                      + EXISTS_WAIT.toSeconds()
                      + " s of the delivery")) {
        recorder.latency("EXISTS", Math.max(0, session.existsSeenNanos() - delivered));
      }
    }
    extra.put("existsLatencyP50Ms", zeroIfNaN(recorder.percentileMs("EXISTS", 50)));
    extra.put("existsLatencyP99Ms", zeroIfNaN(recorder.percentileMs("EXISTS", 99)));

    BenchContext.await(
        inLanes(
            idling.size(),
            RAMP_CONCURRENCY,
            i ->
                idling
                    .get(i)
                    .leave()
                    .recover(
                        e -> {
                          steps.broken(e);
                          return Future.succeededFuture();
                        })));
    return List.of(window.result("sessions/s", extra));
  }

  private Future<IdleSession> open(
      BenchContext ctx, Steps steps, int index, int accountIndex, Account account) {
    BenchOptions options = ctx.options();
    long start = System.nanoTime();
    return ctx.onEventLoop(
            index,
            () ->
                ImapClient.connect(
                    ctx.vertx(),
                    ctx.netClient(index),
                    options.host(),
                    options.imapPort(),
                    ImapClient.DEFAULT_TIMEOUT))
        .compose(
            imap ->
                steps
                    .ok("LOGIN", () -> imap.login(account.username(), account.password()))
                    .compose(login -> steps.ok("SELECT", () -> imap.select("INBOX")))
                    .compose(
                        selected -> {
                          IdleSession session =
                              new IdleSession(index, accountIndex, imap, selected.exists());
                          long idleStart = System.nanoTime();
                          return session
                              .idle()
                              .map(
                                  idle -> {
                                    steps.recorder().latency("IDLE", System.nanoTime() - idleStart);
                                    return session;
                                  });
                        })
                    .onFailure(e -> imap.close()))
        .onSuccess(session -> steps.recorder().record("OPEN", start))
        .onFailure(steps::broken);
  }

  /**
   * What each metered group gained between two readings, per idle session: {@code key} holds the
   * total, {@code key + "ByGroup"} each group's share. memoryPerIdleConnectionKb is computed from
   * private (anonymous) memory, rssPerIdleConnectionKb from RSS, which counts a shared page once
   * per process and so overstates a server with one process per connection tenfold.
   */
  private static void perSession(
      BenchContext ctx,
      Map<String, Long> before,
      Map<String, Long> after,
      int sessions,
      String key,
      Map<String, Object> extra) {
    Map<String, Double> perGroup = new LinkedHashMap<>();
    long total = 0;
    for (String group : ctx.meter().groups()) {
      long grown = after.getOrDefault(group, 0L) - before.getOrDefault(group, 0L);
      total += grown;
      perGroup.put(group, sessions == 0 ? 0 : round1((double) grown / sessions));
    }
    extra.put(key, sessions == 0 ? 0 : round1((double) total / sessions));
    extra.put(key + "ByGroup", perGroup);
  }

  /**
   * One message to every account over a few LMTP connections; returns, per account, when its 250
   * arrived (System.nanoTime), or -1 if the delivery failed.
   */
  private static long[] deliver(BenchContext ctx, Steps steps, List<Account> accounts)
      throws Exception {
    BenchOptions options = ctx.options();
    long[] delivered = new long[accounts.size()];
    java.util.Arrays.fill(delivered, -1);
    Buffer message = ctx.message(DELIVERED_MESSAGE);
    byte[] bytes = message.getBytes();
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < LMTP_CONNECTIONS; lane++) {
      int slot = lane;
      lanes.add(
          LmtpClient.connect(
                  ctx.vertx(),
                  ctx.netClient(slot),
                  options.host(),
                  options.lmtpPort(),
                  ImapClient.DEFAULT_TIMEOUT)
              .compose(
                  lmtp ->
                      lmtp.lhlo("bench.mailroom.test")
                          .compose(
                              hello ->
                                  deliverNext(
                                      lmtp, steps, accounts, options, bytes, next, delivered))
                          .eventually(v -> lmtp.quit()))
              .recover(
                  e -> {
                    steps.broken(e);
                    return Future.succeededFuture();
                  }));
    }
    BenchContext.await(Future.join(new ArrayList<>(lanes)));
    return delivered;
  }

  private static Future<Void> deliverNext(
      LmtpClient lmtp,
      Steps steps,
      List<Account> accounts,
      BenchOptions options,
      byte[] message,
      AtomicInteger next,
      long[] delivered) {
    int a = next.getAndIncrement();
    if (a >= accounts.size()) {
      return Future.succeededFuture();
    }
    String recipient = accounts.get(a).username() + "@" + options.lmtpDomain();
    long start = System.nanoTime();
    return lmtp.deliver("bench@bench.mailroom.test", List.of(recipient), message)
        .compose(
            delivery -> {
              long now = System.nanoTime();
              steps.recorder().latency("LMTP-DELIVERY", now - start);
              if (steps
                  .recorder()
                  .check(
                      delivery.delivered(),
                      () -> "LMTP delivery to " + recipient + ": " + delivery)) {
                delivered[a] = now;
              } else {
                steps.recorder().error(Recorder.NO);
              }
              return deliverNext(lmtp, steps, accounts, options, message, next, delivered);
            });
  }

  /** Waits until every session whose account got its delivery has seen EXISTS, or the timeout. */
  private static void awaitExists(List<IdleSession> sessions, long[] deliveredNanos)
      throws InterruptedException {
    long deadline = System.nanoTime() + EXISTS_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (IdleSession session : sessions) {
        if (deliveredNanos[session.account] >= 0 && !session.sawNewMail()) {
          all = false;
          break;
        }
      }
      if (all) {
        return;
      }
      Thread.sleep(20);
    }
  }

  /**
   * Runs task(0..count-1) with at most lanes of them in flight; each task's future must not fail.
   */
  static Future<Void> inLanes(int count, int lanes, IntFunction<Future<?>> task) {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> running = new ArrayList<>();
    for (int lane = 0; lane < Math.min(lanes, count); lane++) {
      Promise<Void> done = Promise.promise();
      runNext(next, count, task, done);
      running.add(done.future());
    }
    return Future.join(new ArrayList<>(running)).mapEmpty();
  }

  private static void runNext(
      AtomicInteger next, int count, IntFunction<Future<?>> task, Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= count) {
      done.complete();
      return;
    }
    task.apply(i).onComplete(ar -> runNext(next, count, task, done));
  }

  private static double round1(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static double zeroIfNaN(double value) {
    return Double.isNaN(value) ? 0 : value;
  }
}
