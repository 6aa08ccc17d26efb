package io.mailroom.bench.imap;

import io.mailroom.bench.Account;
import io.mailroom.bench.BenchContext;
import io.mailroom.bench.BenchOptions;
import io.mailroom.bench.MeasuringWindow;
import io.mailroom.bench.Recorder;
import io.mailroom.bench.Workload;
import io.mailroom.bench.WorkloadResult;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * imap-steady: --clients logged-in sessions, each on its own account, running {@link
 * SteadySession}'s mix for --secs without reconnecting. Throughput is IMAP commands per second.
 */
public final class ImapSteadyWorkload implements Workload {

  /** Corpus messages the sessions draw from; generated before the window. */
  static final int POOL = 1000;

  static final long IDLE_BURST_MS = 100;

  @Override
  public String name() {
    return "imap-steady";
  }

  @Override
  public int accountsNeeded(BenchOptions options) {
    return options.clients();
  }

  @Override
  public List<WorkloadResult> run(BenchContext ctx) throws Exception {
    BenchOptions options = ctx.options();
    Recorder recorder = ctx.newRecorder();
    ctx.prepareMessages(0, POOL);
    List<Account> accounts = ctx.accounts(options.clients());

    List<Future<SteadySession>> starting = new ArrayList<>();
    for (int k = 0; k < accounts.size(); k++) {
      starting.add(start(ctx, recorder, k, accounts.get(k)));
    }
    BenchContext.await(Future.join(starting));
    List<SteadySession> sessions = new ArrayList<>();
    for (Future<SteadySession> s : starting) {
      if (s.succeeded()) {
        sessions.add(s.result());
      }
    }

    // The same mix, unmeasured, first: the JIT compiles the driver's hot paths (seconds of CPU)
    // before the window rather than inside it, and the server's caches are as warm as they get.
    List<Future<Void>> warming = new ArrayList<>();
    long warmUntil = System.nanoTime() + warmUpSecs(options) * 1_000_000_000L;
    for (SteadySession session : sessions) {
      warming.add(session.runUntil(warmUntil));
    }
    BenchContext.await(Future.join(warming));
    for (int i = sessions.size() - 1; i >= 0; i--) {
      if (warming.get(i).failed()) {
        sessions.remove(i);
      }
    }

    MeasuringWindow window = ctx.openWindow(name(), recorder);
    long deadline = System.nanoTime() + options.secs() * 1_000_000_000L;
    List<Future<Void>> running = new ArrayList<>();
    for (SteadySession session : sessions) {
      running.add(session.runUntil(deadline));
    }
    BenchContext.await(Future.join(running));
    window.stop();

    List<Future<Void>> finishing = new ArrayList<>();
    for (int i = 0; i < sessions.size(); i++) {
      if (running.get(i).succeeded()) {
        finishing.add(sessions.get(i).finish());
      }
    }
    BenchContext.await(Future.join(finishing));
    return List.of(
        window.result(
            "commands/s",
            Map.of("sessions", sessions.size(), "messagesPerMailbox", SteadySession.SIZE)));
  }

  /** A fifth of the window, between 2 and 5 seconds. */
  static long warmUpSecs(BenchOptions options) {
    return Math.max(2, Math.min(5, options.secs() / 5));
  }

  private Future<SteadySession> start(BenchContext ctx, Recorder recorder, int k, Account account) {
    BenchOptions options = ctx.options();
    Steps steps = new Steps(recorder, true, account.username());
    int base = k * SteadySession.SIZE;
    return ctx.onEventLoop(
            k,
            () ->
                ImapClient.connect(
                    ctx.vertx(),
                    ctx.netClient(k),
                    options.host(),
                    options.imapPort(),
                    ImapClient.DEFAULT_TIMEOUT))
        .compose(
            imap ->
                steps
                    .ok(null, () -> imap.login(account.username(), account.password()))
                    .compose(
                        login -> {
                          if (!login.ok()) {
                            imap.close();
                            return Future.failedFuture("LOGIN refused: " + login.tagged());
                          }
                          SteadySession session =
                              new SteadySession(
                                  ctx.vertx(),
                                  imap,
                                  steps,
                                  options.seed() * 1_000_003L + k,
                                  n -> ctx.message((base + n) % POOL),
                                  IDLE_BURST_MS);
                          return session.prepare().map(session);
                        }))
        .onFailure(steps::broken);
  }
}
