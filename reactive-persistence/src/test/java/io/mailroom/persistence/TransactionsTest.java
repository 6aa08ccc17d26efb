package io.mailroom.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where a unit of work runs: on the caller's context when it is safe and free, else on a context of
 * its own, and never on one that another unit of work holds.
 */
class TransactionsTest {
  private static Vertx vertx;
  private static Transactions transactions;

  /** Where a unit of work ran and where its caller got the result. */
  record Ran(Context work, Context result) {}

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    // Sessions are Hibernate's business; here a unit of work only records its context.
    Mutiny.SessionFactory sessions =
        (Mutiny.SessionFactory)
            Proxy.newProxyInstance(
                TransactionsTest.class.getClassLoader(),
                new Class<?>[] {Mutiny.SessionFactory.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("withSession") && args.length == 1) {
                    return ((Function<Object, Uni<?>>) args[0]).apply(null);
                  }
                  if (method.getName().equals("withTransaction")
                      && args.length == 1
                      && args[0] instanceof BiFunction<?, ?, ?> work) {
                    return ((BiFunction<Object, Object, Uni<?>>) work).apply(null, null);
                  }
                  throw new UnsupportedOperationException(method.toString());
                });
    transactions = new Transactions(sessions, vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Uni<Context> where() {
    return Uni.createFrom().item(Vertx::currentContext);
  }

  private static Context safeDuplicate() {
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    return context;
  }

  /** Runs {@code unit} on {@code caller} and records where it ran and where its result came. */
  private static Ran runOn(Context caller, Function<Transactions, Uni<Context>> unit)
      throws Exception {
    CompletableFuture<Ran> ran = new CompletableFuture<>();
    caller.runOnContext(
        ignored ->
            unit.apply(transactions)
                .subscribe()
                .with(
                    work -> ran.complete(new Ran(work, Vertx.currentContext())),
                    ran::completeExceptionally));
    return ran.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aFreeSafeContextRunsTheWorkItself() throws Exception {
    Context caller = safeDuplicate();
    Ran ran = runOn(caller, t -> t.read(session -> where()));
    assertThat(ran.work()).isSameAs(caller);
    assertThat(ran.result()).isSameAs(caller);
    Ran wrote = runOn(caller, t -> t.write(session -> where()));
    assertThat(wrote.work()).isSameAs(caller);
  }

  @Test
  void aRootContextNeverRunsTheWorkAndGetsTheResultBack() throws Exception {
    // An LMTP or ManageSieve connection: every connection of the event loop shares this context.
    Context root = vertx.getOrCreateContext();
    Ran ran = runOn(root, t -> t.write(session -> where()));
    assertThat(ran.work()).isNotSameAs(root);
    assertThat(VertxContext.isDuplicatedContext(ran.work())).isTrue();
    assertThat(VertxContextSafetyToggle.isExplicitlyMarkedAsSafe(ran.work())).isTrue();
    assertThat(ran.result()).isSameAs(root);
  }

  @Test
  void anUnsafeDuplicateNeverRunsTheWork() throws Exception {
    Context unsafe = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    Ran ran = runOn(unsafe, t -> t.read(session -> where()));
    assertThat(ran.work()).isNotSameAs(unsafe);
    assertThat(ran.result()).isSameAs(unsafe);
  }

  @Test
  void concurrentUnitsOnOneContextEachGetAContextOfTheirOwn() throws Exception {
    // Two calls at once on one gRPC stream: never one session for both.
    Context caller = safeDuplicate();
    CompletableFuture<List<Context>> both = new CompletableFuture<>();
    caller.runOnContext(
        ignored -> {
          Uni<Context> slow =
              transactions.write(
                  session ->
                      where()
                          .onItem()
                          .delayIt()
                          .by(Duration.ofMillis(100))
                          .replaceWith(Vertx.currentContext()));
          Uni<Context> fast = transactions.write(session -> where());
          Uni.combine()
              .all()
              .unis(slow, fast)
              .asTuple()
              .subscribe()
              .with(
                  t -> both.complete(List.of(t.getItem1(), t.getItem2())),
                  both::completeExceptionally);
        });
    List<Context> contexts = both.get(10, TimeUnit.SECONDS);
    assertThat(contexts.get(0)).isSameAs(caller);
    assertThat(contexts.get(1)).isNotSameAs(caller);
  }

  @Test
  void aUnitStartedInsideAnotherGetsItsOwnSession() throws Exception {
    Context caller = safeDuplicate();
    CompletableFuture<List<Context>> nested = new CompletableFuture<>();
    caller.runOnContext(
        ignored ->
            transactions
                .write(
                    outer ->
                        transactions
                            .write(inner -> where())
                            .map(innerContext -> List.of(Vertx.currentContext(), innerContext)))
                .subscribe()
                .with(nested::complete, nested::completeExceptionally));
    List<Context> contexts = nested.get(10, TimeUnit.SECONDS);
    assertThat(contexts.get(0)).isSameAs(caller);
    assertThat(contexts.get(1)).isNotSameAs(caller);
  }

  @Test
  void theContextIsFreeAgainAfterTheWorkEnds() throws Exception {
    Context caller = safeDuplicate();
    Ran failed =
        runOn(
            caller,
            t ->
                t.write(session -> Uni.createFrom().<Context>failure(new IllegalStateException()))
                    .onFailure()
                    .recoverWithNull());
    assertThat(failed.result()).isSameAs(caller);
    assertThat(runOn(caller, t -> t.read(session -> where())).work()).isSameAs(caller);
  }

  @Test
  void aWorkerThreadGetsAnEventLoopContext() throws Exception {
    Context work = transactions.read(session -> where()).await().atMost(Duration.ofSeconds(10));
    assertThat(VertxContext.isDuplicatedContext(work)).isTrue();
    assertThat(Context.isOnEventLoopThread()).isFalse();
  }
}
