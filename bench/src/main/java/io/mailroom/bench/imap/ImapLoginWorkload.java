package io.mailroom.bench.imap;

import io.mailroom.bench.Account;
import io.mailroom.bench.BenchContext;
import io.mailroom.bench.BenchOptions;
import io.mailroom.bench.MeasuringWindow;
import io.mailroom.bench.Recorder;
import io.mailroom.bench.Workload;
import io.mailroom.bench.WorkloadResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * imap-login: what a phone or Thunderbird's extra connections cost. Each of --clients loops for
 * --secs: connect, LOGIN, SELECT INBOX, UID FETCH 1:* (FLAGS), the newest message's Subject (NOOP
 * when INBOX is empty), NOOP, LOGOUT. Throughput is whole sessions per second; every command's
 * latency is kept under its name, and the whole session's under SESSION.
 */
public final class ImapLoginWorkload implements Workload {

  @Override
  public String name() {
    return "imap-login";
  }

  @Override
  public int accountsNeeded(BenchOptions options) {
    return options.clients();
  }

  @Override
  public List<WorkloadResult> run(BenchContext ctx) throws Exception {
    BenchOptions options = ctx.options();
    Recorder recorder = ctx.newRecorder();
    List<Account> accounts = ctx.accounts(options.clients());
    MeasuringWindow window = ctx.openWindow(name(), recorder);
    long deadline = System.nanoTime() + options.secs() * 1_000_000_000L;
    List<Future<Void>> loops = new ArrayList<>();
    for (int k = 0; k < accounts.size(); k++) {
      Steps steps = new Steps(recorder, false, accounts.get(k).username());
      loops.add(loop(ctx, steps, k, accounts.get(k), deadline));
    }
    BenchContext.await(Future.join(loops));
    window.stop();
    return List.of(window.result("sessions/s", Map.of("clients", accounts.size())));
  }

  private Future<Void> loop(
      BenchContext ctx, Steps steps, int slot, Account account, long deadline) {
    Promise<Void> done = Promise.promise();
    next(ctx, steps, slot, account, deadline, done);
    return done.future();
  }

  private void next(
      BenchContext ctx, Steps steps, int slot, Account account, long deadline, Promise<Void> done) {
    if (System.nanoTime() >= deadline) {
      done.complete();
      return;
    }
    long start = System.nanoTime();
    session(ctx, steps, slot, account)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                steps.recorder().record("SESSION", start);
                next(ctx, steps, slot, account, deadline, done);
              } else {
                // One broken session is an error; the client goes on with a new connection.
                steps.broken(ar.cause());
                ctx.vertx().setTimer(100, id -> next(ctx, steps, slot, account, deadline, done));
              }
            });
  }

  private Future<Void> session(BenchContext ctx, Steps steps, int slot, Account account) {
    BenchOptions options = ctx.options();
    long start = System.nanoTime();
    return ctx.onEventLoop(
            slot,
            () ->
                ImapClient.connect(
                    ctx.vertx(),
                    ctx.netClient(slot),
                    options.host(),
                    options.imapPort(),
                    ImapClient.DEFAULT_TIMEOUT))
        .compose(
            imap -> {
              steps.recorder().latency("CONNECT", System.nanoTime() - start);
              return steps
                  .ok("LOGIN", () -> imap.login(account.username(), account.password()))
                  .compose(login -> steps.ok("SELECT", () -> imap.select("INBOX")))
                  .compose(
                      selected ->
                          steps
                              .ok("FETCH-FLAGS", () -> imap.command("UID FETCH 1:* (FLAGS)"))
                              .map(selected.exists()))
                  .compose(
                      exists ->
                          exists > 0
                              ? steps.ok(
                                  "FETCH-HEADERS",
                                  () ->
                                      imap.command(
                                          "FETCH "
                                              + exists
                                              + " (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"))
                              : steps.ok("NOOP", () -> imap.command("NOOP")))
                  .compose(fetched -> steps.ok("NOOP", () -> imap.command("NOOP")))
                  .compose(noop -> steps.ok("LOGOUT", imap::logout))
                  .map(
                      logout -> {
                        steps.check(
                            logout.untagged().stream().anyMatch(r -> r.isData("BYE")),
                            () -> "LOGOUT without BYE");
                        return (Void) null;
                      })
                  .onFailure(e -> imap.close());
            });
  }
}
