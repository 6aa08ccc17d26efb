package io.mailroom.bench.lmtp;

import io.mailroom.bench.Account;
import io.mailroom.bench.BenchContext;
import io.mailroom.bench.BenchOptions;
import io.mailroom.bench.MeasuringWindow;
import io.mailroom.bench.Recorder;
import io.mailroom.bench.SessionFailure;
import io.mailroom.bench.SourceAddresses;
import io.mailroom.bench.Workload;
import io.mailroom.bench.WorkloadResult;
import io.mailroom.bench.imap.ImapClient;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * lmtp: {@value #CONNECTIONS} LMTP connections deliver corpus messages 0, 1, 2, ... one recipient
 * each, round-robin over min(--clients, {@value #MAX_USERS}) accounts, until --secs or {@value
 * #MESSAGES} messages. Throughput is deliveries per second, latency that of the whole transaction
 * and of DATA alone (DATA sent to the last reply). Every recipient has an IMAP session in IDLE on
 * its INBOX, which times each delivery from its 250 to the {@code * n EXISTS} announcing it; after
 * the window a re-SELECT must count every delivered message.
 *
 * <p>lmtp-sieve is the same with an active Sieve script per recipient, put in place by {@code
 * --hook PATH sieve-on USER...} and removed by {@code sieve-off} after; without --hook it is
 * skipped, which its result row says.
 */
public final class LmtpWorkload implements Workload {

  static final int CONNECTIONS = 4;
  static final int MAX_USERS = 20;
  static final int MESSAGES = 4000;

  /**
   * Longer than Dovecot's mailbox_idle_check_interval (30 s), the poll that catches what its
   * inotify notification missed: such an announcement is late, and counted in the latency, not
   * lost.
   */
  static final Duration EXISTS_WAIT = Duration.ofSeconds(40);

  static final Duration HOOK_TIMEOUT = Duration.ofMinutes(2);

  /** LMTP lanes leave from the second source address, the IDLE sessions from the first. */
  static final int LMTP_FIRST_SLOT = SourceAddresses.PER_ADDRESS;

  @Override
  public String name() {
    return "lmtp";
  }

  @Override
  public int accountsNeeded(BenchOptions options) {
    return Math.min(options.clients(), MAX_USERS);
  }

  @Override
  public List<WorkloadResult> run(BenchContext ctx) throws Exception {
    List<Account> users = ctx.accounts(accountsNeeded(ctx.options()));
    ctx.prepareMessages(0, MESSAGES);
    List<WorkloadResult> results = new ArrayList<>();
    results.add(phase(ctx, "lmtp", users));
    if (ctx.options().hook().isEmpty()) {
      results.add(skipped(ctx, "lmtp-sieve", "no --hook given to activate Sieve scripts"));
      return results;
    }
    SieveHook hook = new SieveHook(ctx.options().hook().get(), HOOK_TIMEOUT);
    String failed = hook.run("sieve-on", users);
    if (failed != null) {
      hook.run("sieve-off", users);
      Recorder recorder = ctx.newRecorder();
      recorder.fail(failed);
      results.add(ctx.openWindow("lmtp-sieve", recorder).result("messages/s", Map.of()));
      return results;
    }
    try {
      results.add(phase(ctx, "lmtp-sieve", users));
    } finally {
      String off = hook.run("sieve-off", users);
      if (off != null) {
        System.err.println("mailroom-bench: " + off);
      }
    }
    return results;
  }

  private WorkloadResult phase(BenchContext ctx, String name, List<Account> users)
      throws Exception {
    Recorder recorder = ctx.newRecorder();
    List<InboxWatch> watches = watch(ctx, recorder, users);

    MeasuringWindow window = ctx.openWindow(name, recorder);
    long deadline = System.nanoTime() + ctx.options().secs() * 1_000_000_000L;
    AtomicInteger next = new AtomicInteger();
    BenchContext.await(
        CorpusDelivery.run(
            ctx,
            CONNECTIONS,
            LMTP_FIRST_SLOT,
            () -> {
              if (System.nanoTime() >= deadline) {
                return null;
              }
              int k = next.getAndIncrement();
              if (k >= MESSAGES) {
                return null;
              }
              Account to = users.get(k % users.size());
              return new CorpusDelivery.Job(k, List.of(address(ctx, to)));
            },
            new Deliveries(recorder, watches, users.size())));
    window.stop();

    awaitExists(watches);
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("users", users.size());
    extra.put("connections", CONNECTIONS);
    for (InboxWatch watch : watches) {
      watch.latencies().forEach(nanos -> recorder.latency("EXISTS", nanos));
    }
    extra.put("existsLatencyP50Ms", zeroIfNaN(recorder.percentileMs("EXISTS", 50)));
    extra.put("existsLatencyP99Ms", zeroIfNaN(recorder.percentileMs("EXISTS", 99)));
    BenchContext.await(Future.join(watches.stream().map(w -> recount(recorder, w)).toList()));
    return window.result("messages/s", extra);
  }

  /**
   * Counts each transaction, times it, checks it, and tells the recipient's watch when it landed.
   */
  private record Deliveries(Recorder recorder, List<InboxWatch> watches, int users)
      implements CorpusDelivery.Listener {

    @Override
    public void delivered(
        CorpusDelivery.Job job, LmtpClient.Delivery delivery, long startNanos, long endNanos) {
      recorder.record("DELIVERY", startNanos);
      if (delivery.dataSentNanos() >= 0) {
        recorder.latency("DATA", endNanos - delivery.dataSentNanos());
      }
      boolean ok =
          recorder.check(
              delivery.delivered(),
              () -> "bench " + job.message() + " to " + job.recipients() + ": " + delivery);
      if (ok) {
        watches.get(job.message() % users).delivered(endNanos);
      } else {
        recorder.error(Recorder.NO);
      }
    }

    @Override
    public void broken(Throwable failure) {
      recorder.error(failure instanceof SessionFailure lmtp ? lmtp.kind().bucket() : "other");
      recorder.fail("an LMTP connection broke: " + failure.getMessage());
    }
  }

  /** One IMAP session per recipient: LOGIN, SELECT INBOX, IDLE (not measured). */
  private static List<InboxWatch> watch(BenchContext ctx, Recorder recorder, List<Account> users)
      throws Exception {
    List<Future<InboxWatch>> opening = new ArrayList<>();
    for (int u = 0; u < users.size(); u++) {
      Account user = users.get(u);
      opening.add(
          ImapClient.connect(
                  ctx.vertx(),
                  ctx.netClient(u),
                  ctx.options().host(),
                  ctx.options().imapPort(),
                  ImapClient.DEFAULT_TIMEOUT)
              .compose(
                  imap ->
                      imap.login(user.username(), user.password())
                          .compose(
                              login ->
                                  login.ok()
                                      ? imap.select("INBOX")
                                      : Future.failedFuture("LOGIN: " + login.describe()))
                          .compose(
                              selected -> {
                                if (!selected.ok()) {
                                  return Future.failedFuture("SELECT: " + selected.describe());
                                }
                                InboxWatch watch = new InboxWatch(user, imap, selected.exists());
                                return imap.idle(watch::onUntagged).map(watch);
                              })
                          .onFailure(e -> imap.close())));
    }
    BenchContext.await(Future.join(new ArrayList<>(opening)));
    List<InboxWatch> watches = new ArrayList<>();
    for (int u = 0; u < users.size(); u++) {
      Future<InboxWatch> opened = opening.get(u);
      if (opened.failed()) {
        // Without its watch the phase cannot check this recipient: the run is not trustworthy.
        throw new IllegalStateException(
            "IDLE session for " + users.get(u).username() + ": " + opened.cause().getMessage());
      }
      watches.add(opened.result());
    }
    return watches;
  }

  /** Waits until every watch has seen an EXISTS for each of its deliveries, or EXISTS_WAIT. */
  private static void awaitExists(List<InboxWatch> watches) throws InterruptedException {
    long deadline = System.nanoTime() + EXISTS_WAIT.toNanos();
    while (System.nanoTime() < deadline && !watches.stream().allMatch(InboxWatch::allSeen)) {
      Thread.sleep(20);
    }
  }

  /**
   * Ends IDLE and SELECTs INBOX again: the mailbox must hold every delivered message, and the IDLE
   * session must have been told of each.
   */
  private static Future<Void> recount(Recorder recorder, InboxWatch watch) {
    String who = watch.account.username();
    long expected = watch.baseline() + watch.deliveredCount();
    recorder.check(
        watch.allSeen(),
        () ->
            who
                + ": IDLE announced "
                + watch.seenCount()
                + " of "
                + watch.deliveredCount()
                + " deliveries within "
                + EXISTS_WAIT.toSeconds()
                + " s");
    return watch
        .imap
        .done()
        .compose(done -> watch.imap.select("INBOX"))
        .map(
            selected -> {
              recorder.check(
                  selected.ok() && selected.exists() == expected,
                  () ->
                      who
                          + ": INBOX has "
                          + selected.exists()
                          + " messages, expected "
                          + expected
                          + " ("
                          + watch.baseline()
                          + " before and "
                          + watch.deliveredCount()
                          + " delivered)");
              return null;
            })
        .eventually(v -> watch.imap.logout().otherwiseEmpty())
        .recover(
            e -> {
              recorder.error(SessionFailure.bucketOf(e));
              recorder.fail(who + ": recounting INBOX: " + e.getMessage());
              return Future.succeededFuture();
            })
        .mapEmpty();
  }

  private static WorkloadResult skipped(BenchContext ctx, String name, String why) {
    return ctx.openWindow(name, ctx.newRecorder()).result("messages/s", Map.of("skipped", why));
  }

  private static String address(BenchContext ctx, Account account) {
    return account.username() + "@" + ctx.options().lmtpDomain();
  }

  private static double zeroIfNaN(double value) {
    return Double.isNaN(value) ? 0 : value;
  }
}
