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
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * append: {@link #CLIENTS} sessions, each on its own account, APPEND corpus messages 0, 1, 2, ...
 * (shared out in order, one APPEND in flight per session) into an emptied mailbox until all {@link
 * #MESSAGES} are in or --secs is up. Each APPEND must answer OK with an APPENDUID above the
 * session's last. Throughput is messages per second; the mailbox is deleted after the window.
 */
public final class ImapAppendWorkload implements Workload {

  static final int CLIENTS = 4;
  static final int MESSAGES = 4000;
  static final String MAILBOX = "bench-append";

  @Override
  public String name() {
    return "append";
  }

  @Override
  public int accountsNeeded(BenchOptions options) {
    return CLIENTS;
  }

  @Override
  public List<WorkloadResult> run(BenchContext ctx) throws Exception {
    BenchOptions options = ctx.options();
    Recorder recorder = ctx.newRecorder();
    ctx.prepareMessages(0, MESSAGES);
    List<Account> accounts = ctx.accounts(CLIENTS);

    List<Future<ImapClient>> starting = new ArrayList<>();
    List<Steps> steps = new ArrayList<>();
    for (int k = 0; k < CLIENTS; k++) {
      Steps s = new Steps(recorder, true, accounts.get(k).username());
      steps.add(s);
      starting.add(start(ctx, s, k, accounts.get(k)));
    }
    BenchContext.await(Future.join(starting));

    AtomicInteger next = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    MeasuringWindow window = ctx.openWindow(name(), recorder);
    long deadline = System.nanoTime() + options.secs() * 1_000_000_000L;
    List<Future<Void>> loops = new ArrayList<>();
    for (int k = 0; k < CLIENTS; k++) {
      if (starting.get(k).succeeded()) {
        loops.add(loop(ctx, starting.get(k).result(), steps.get(k), next, bytes, deadline));
      }
    }
    BenchContext.await(Future.join(loops));
    window.stop();

    List<Future<?>> cleaning = new ArrayList<>();
    for (int k = 0; k < CLIENTS; k++) {
      if (starting.get(k).succeeded()) {
        ImapClient imap = starting.get(k).result();
        cleaning.add(
            steps
                .get(k)
                .ok(null, () -> imap.command("DELETE " + ImapClient.quote(MAILBOX)))
                .eventually(v -> imap.logout()));
      }
    }
    BenchContext.await(Future.join(new ArrayList<>(cleaning)));
    long ops = recorder.ops();
    return List.of(
        window.result(
            "messages/s",
            Map.of(
                "clients",
                CLIENTS,
                "bytes",
                bytes.get(),
                "avgMessageBytes",
                ops == 0 ? 0 : bytes.get() / ops,
                "allAppended",
                ops >= MESSAGES)));
  }

  private Future<ImapClient> start(BenchContext ctx, Steps steps, int slot, Account account) {
    BenchOptions options = ctx.options();
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
            imap ->
                steps
                    .ok(null, () -> imap.login(account.username(), account.password()))
                    .compose(login -> steps.any(null, () -> imap.command("DELETE " + quoted())))
                    .compose(deleted -> steps.ok(null, () -> imap.command("CREATE " + quoted())))
                    .map(imap))
        .onFailure(steps::broken);
  }

  private Future<Void> loop(
      BenchContext ctx,
      ImapClient imap,
      Steps steps,
      AtomicInteger next,
      AtomicLong bytes,
      long deadline) {
    Promise<Void> done = Promise.promise();
    appendNext(ctx, imap, steps, next, bytes, deadline, new long[] {0}, done);
    return done.future();
  }

  private void appendNext(
      BenchContext ctx,
      ImapClient imap,
      Steps steps,
      AtomicInteger next,
      AtomicLong bytes,
      long deadline,
      long[] lastUid,
      Promise<Void> done) {
    int index = next.getAndIncrement();
    if (index >= MESSAGES || System.nanoTime() >= deadline) {
      done.complete();
      return;
    }
    Buffer message = ctx.message(index);
    steps
        .ok("APPEND", () -> imap.append(MAILBOX, "", message))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                steps.broken(ar.cause());
                done.complete();
                return;
              }
              if (ar.result().ok()) {
                long uid = SteadySession.appendUid(ar.result().code());
                long previous = lastUid[0];
                steps.check(
                    uid > previous,
                    () ->
                        "APPEND answered ["
                            + ar.result().code()
                            + "], expected a UID above "
                            + previous);
                lastUid[0] = Math.max(previous, uid);
                bytes.addAndGet(message.length());
              }
              appendNext(ctx, imap, steps, next, bytes, deadline, lastUid, done);
            });
  }

  private static String quoted() {
    return ImapClient.quote(MAILBOX);
  }
}
