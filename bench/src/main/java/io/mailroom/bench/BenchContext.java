package io.mailroom.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * What every workload shares: the one Vertx, the options, the accounts, the corpus, the process
 * meter, and one NetClient per loopback source address.
 */
public final class BenchContext {

  private final Vertx vertx;
  private final BenchOptions options;
  private final List<Account> accounts;
  private final Corpus corpus;
  private final ProcessMeter meter;
  private final Map<String, NetClient> clientsBySource = new ConcurrentHashMap<>();
  private final Map<Integer, Buffer> messages = new ConcurrentHashMap<>();
  private final List<Context> eventLoops;

  public BenchContext(
      Vertx vertx,
      BenchOptions options,
      List<Account> accounts,
      Corpus corpus,
      ProcessMeter meter) {
    this.vertx = vertx;
    this.options = options;
    this.accounts = List.copyOf(accounts);
    this.corpus = corpus;
    this.meter = meter;
    this.eventLoops = eventLoops(vertx, EVENT_LOOPS);
  }

  /**
   * The driver's event loops: never more than two, it must leave the CPU to the server. One loop
   * serving many sessions wakes up less often per command than two (each wake-up is a context
   * switch, the biggest kernel cost on this path), so one is the default.
   */
  public static final int EVENT_LOOPS =
      Math.max(1, Math.min(2, Integer.getInteger("mailroom.bench.eventLoops", 1)));

  /**
   * Runs action on event loop n (modulo their number) and hands back its result. Connections opened
   * from the main thread would otherwise all land on one loop (Vert.x keeps one context per outside
   * thread); a workload spreads its sessions by opening session k on loop k.
   */
  public <T> Future<T> onEventLoop(int n, Supplier<Future<T>> action) {
    Promise<T> result = Promise.promise();
    eventLoops
        .get(Math.floorMod(n, eventLoops.size()))
        .runOnContext(v -> action.get().onComplete(result));
    return result.future();
  }

  /** One context per event loop, taken from as many instances of an empty verticle. */
  private static List<Context> eventLoops(Vertx vertx, int count) {
    List<Context> contexts = new CopyOnWriteArrayList<>();
    try {
      await(
          vertx.deployVerticle(
              () ->
                  new AbstractVerticle() {
                    @Override
                    public void start() {
                      contexts.add(context);
                    }
                  },
              new DeploymentOptions().setInstances(count)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the event loops", e);
    }
    return List.copyOf(contexts);
  }

  public Vertx vertx() {
    return vertx;
  }

  public BenchOptions options() {
    return options;
  }

  /** The first n accounts of the file; {@link Workload#accountsNeeded} made sure there are n. */
  public List<Account> accounts(int n) {
    if (n > accounts.size()) {
      throw new IllegalStateException(
          "the accounts file has " + accounts.size() + " accounts, " + n + " needed");
    }
    return accounts.subList(0, n);
  }

  public int accountCount() {
    return accounts.size();
  }

  public Corpus corpus() {
    return corpus;
  }

  public ProcessMeter meter() {
    return meter;
  }

  /** A fresh recorder for one workload or phase. */
  public Recorder newRecorder() {
    return new Recorder();
  }

  /** Starts measuring: CPU and RSS sampled now, the clock and the progress line started. */
  public MeasuringWindow openWindow(String name, Recorder recorder) {
    return new MeasuringWindow(this, name, recorder);
  }

  /**
   * Corpus message {@code index} as a Buffer, generated once. Generating takes CPU, so workloads
   * call {@link #prepareMessages} on the main thread before their window rather than on an event
   * loop during it.
   */
  public Buffer message(int index) {
    return messages.computeIfAbsent(index, i -> Buffer.buffer(corpus.message(i)));
  }

  public void prepareMessages(int fromIndex, int count) {
    for (int i = fromIndex; i < fromIndex + count; i++) {
      message(i);
    }
  }

  /**
   * The NetClient for connection slot n: its connections leave from {@link
   * SourceAddresses#forSlot}, so no address carries more than {@link SourceAddresses#PER_ADDRESS}
   * connections as long as each concurrent connection has its own slot.
   */
  public NetClient netClient(int slot) {
    String source = SourceAddresses.forSlot(slot);
    return clientsBySource.computeIfAbsent(
        source,
        address ->
            vertx.createNetClient(
                new NetClientOptions()
                    .setLocalAddress(address)
                    .setTcpNoDelay(true)
                    .setConnectTimeout(30_000)
                    .setReuseAddress(true)));
  }

  /** Blocks the main thread (never an event loop) until the future completes. */
  public static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
