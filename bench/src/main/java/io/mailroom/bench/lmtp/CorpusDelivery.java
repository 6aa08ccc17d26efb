package io.mailroom.bench.lmtp;

import io.mailroom.bench.BenchContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Delivers corpus messages over a few LMTP connections, each taking the next {@link Job} as soon as
 * its last transaction ends, until the supplier runs dry (it returns null: the count is reached or
 * the window is over). What each transaction got goes to a {@link Listener}; a connection that
 * breaks is reported once and its lane ends.
 */
public final class CorpusDelivery {

  public static final String SENDER = "bench@bench.mailroom.test";
  static final String HELO = "bench.mailroom.test";
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** One transaction: a corpus message to one or more recipients. */
  public record Job(int message, List<String> recipients) {
    public Job {
      recipients = List.copyOf(recipients);
    }
  }

  /** Called on an event loop, from several lanes at once. */
  public interface Listener {
    /**
     * @param startNanos when MAIL FROM was sent ({@link System#nanoTime})
     * @param endNanos when the last reply of the transaction arrived
     */
    void delivered(Job job, LmtpClient.Delivery delivery, long startNanos, long endNanos);

    void broken(Throwable failure);
  }

  private CorpusDelivery() {}

  /**
   * Runs the lanes, lane {@code i} on connection slot {@code firstSlot + i}; completes when every
   * lane has ended (never fails: failures go to the listener).
   */
  public static Future<Void> run(
      BenchContext ctx, int lanes, int firstSlot, Supplier<Job> jobs, Listener listener) {
    List<Future<Void>> running = new ArrayList<>();
    for (int lane = 0; lane < lanes; lane++) {
      running.add(
          LmtpClient.connect(
                  ctx.vertx(),
                  ctx.netClient(firstSlot + lane),
                  ctx.options().host(),
                  ctx.options().lmtpPort(),
                  TIMEOUT)
              .compose(
                  lmtp ->
                      lmtp.lhlo(HELO)
                          .compose(
                              hello -> {
                                Promise<Void> done = Promise.promise();
                                next(ctx, lmtp, jobs, listener, done);
                                return done.future();
                              })
                          .eventually(v -> lmtp.quit().otherwiseEmpty()))
              .recover(
                  e -> {
                    listener.broken(e);
                    return Future.succeededFuture();
                  }));
    }
    return Future.join(new ArrayList<>(running)).mapEmpty();
  }

  private static void next(
      BenchContext ctx,
      LmtpClient lmtp,
      Supplier<Job> jobs,
      Listener listener,
      Promise<Void> done) {
    Job job = jobs.get();
    if (job == null) {
      done.complete();
      return;
    }
    byte[] message = ctx.message(job.message()).getBytes();
    long start = System.nanoTime();
    lmtp.deliver(SENDER, job.recipients(), message)
        .onSuccess(
            delivery -> {
              listener.delivered(job, delivery, start, System.nanoTime());
              next(ctx, lmtp, jobs, listener, done);
            })
        .onFailure(done::fail);
  }
}
