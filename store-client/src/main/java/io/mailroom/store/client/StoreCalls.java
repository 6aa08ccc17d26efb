package io.mailroom.store.client;

import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.mailroom.store.client.auth.Caller;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.auth.ServiceCaller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every call to the store shares, in one place: who it is made as (a bearer token, or the
 * service credential and the account), a deadline for calls answered at once, failures as {@link
 * StoreFailure}s, the latency per operation for {@link CallListener}s, and delivery on the caller's
 * Vert.x context.
 *
 * <p>The last is why no gateway needs a context-bound decorator: gRPC answers on its own threads,
 * and a session whose state is only touched from its event loop must get its results there. The
 * context is taken when the call is subscribed to, so a call made from a session's context answers
 * on it; a call made off any context (a Kafka worker, a test) answers on gRPC's thread.
 */
@ApplicationScoped
public class StoreCalls {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> SERVICE_TOKEN =
      Metadata.Key.of("x-mailroom-service-token", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> ACCOUNT =
      Metadata.Key.of("x-mailroom-account", Metadata.ASCII_STRING_MARSHALLER);

  /** Attempts of an idempotent call after the first, when the budget allows. */
  static final int RETRIES = 2;

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  private static final Duration MAX_BACKOFF = Duration.ofMillis(400);

  private final Duration deadline;
  private final List<CallListener> listeners;
  private final RetryBudget budget;

  @Inject
  StoreCalls(StoreClientConfig config, Instance<CallListener> listeners) {
    this(config.callDeadline(), listeners.stream().toList(), new RetryBudget(config.retryTokens()));
  }

  public StoreCalls(Duration deadline, List<CallListener> listeners) {
    this(deadline, listeners, new RetryBudget(10));
  }

  public StoreCalls(Duration deadline, List<CallListener> listeners, RetryBudget budget) {
    this.deadline = deadline;
    this.listeners = List.copyOf(listeners);
    this.budget = budget;
  }

  /** The stub, calling as {@code caller}. */
  public static <S extends AbstractStub<S>> S as(Caller caller, S stub) {
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers(caller)));
  }

  static Metadata headers(Caller caller) {
    var headers = new Metadata();
    if (caller instanceof Login login) {
      headers.put(AUTHORIZATION, "Bearer " + login.token());
    } else if (caller instanceof ServiceCaller service) {
      headers.put(SERVICE_TOKEN, service.serviceToken());
      headers.put(ACCOUNT, service.account());
    }
    return headers;
  }

  /**
   * A call answered at once (unary, or a short stream collected): the deadline starts when it is
   * subscribed to.
   */
  public <S extends AbstractStub<S>, T> Uni<T> unary(
      String operation, S stub, Function<S, Uni<T>> call) {
    return uni(
        operation,
        () -> call.apply(stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)));
  }

  /**
   * A call answered at once that may be made again with the same effect (a read, or a write whose
   * second time changes nothing, such as setting flags): a transient failure (UNAVAILABLE) is
   * retried up to {@link #RETRIES} times with backoff while the replica's {@link RetryBudget}
   * allows, each attempt with a deadline of its own.
   */
  public <S extends AbstractStub<S>, T> Uni<T> idempotent(
      String operation, S stub, Function<S, Uni<T>> call) {
    Supplier<Uni<T>> attempt =
        () -> call.apply(stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS));
    return uni(
        operation,
        () ->
            Uni.createFrom()
                .deferred(attempt::get)
                .onFailure()
                .transform(StoreFailures::from)
                .onItemOrFailure()
                .invoke((item, failure) -> count(failure))
                .onFailure(this::worthRetrying)
                .retry()
                .withBackOff(FIRST_BACKOFF, MAX_BACKOFF)
                .atMost(RETRIES));
  }

  /**
   * {@link #idempotent} when the call may be made again with the same effect, else {@link #unary}.
   */
  public <S extends AbstractStub<S>, T> Uni<T> unary(
      String operation, S stub, Function<S, Uni<T>> call, boolean repeatable) {
    return repeatable ? idempotent(operation, stub, call) : unary(operation, stub, call);
  }

  private void count(Throwable failure) {
    if (failure == null) {
      budget.succeeded();
    } else if (StoreFailures.from(failure).isTransient()) {
      budget.failed();
    }
  }

  private boolean worthRetrying(Throwable failure) {
    return StoreFailures.from(failure).isTransient() && budget.mayRetry();
  }

  /** A call that lasts as long as the caller feeds it (an upload): no deadline. */
  public <T> Uni<T> open(String operation, Supplier<Uni<T>> call) {
    return uni(operation, call);
  }

  /**
   * A server stream read only as fast as the subscriber asks (gRPC flow control pushes back on the
   * store), with at most {@code ahead} replies held for a subscriber on a Vert.x context.
   */
  public <Q, R> Multi<R> demandDriven(
      String operation, BiConsumer<Q, StreamObserver<R>> call, Q request, int ahead) {
    return Multi.createFrom()
        .deferred(
            () -> {
              Context context = Vertx.currentContext();
              long start = System.nanoTime();
              Multi<R> replies =
                  Multi.createFrom()
                      .deferred(() -> DemandDrivenStream.of(call, request))
                      .onFailure()
                      .transform(StoreFailures::from)
                      .onTermination()
                      .invoke(() -> completed(operation, start));
              return context == null ? replies : replies.emitOn(on(context), ahead);
            });
  }

  private <T> Uni<T> uni(String operation, Supplier<Uni<T>> call) {
    return Uni.createFrom()
        .deferred(
            () -> {
              Context context = Vertx.currentContext();
              long start = System.nanoTime();
              // Deferred again so that a call that throws is failed, mapped and delivered too.
              Uni<T> reply =
                  Uni.createFrom()
                      .deferred(call::get)
                      .onFailure()
                      .transform(StoreFailures::from)
                      .onTermination()
                      .invoke(() -> completed(operation, start));
              return context == null ? reply : reply.emitOn(on(context));
            });
  }

  private void completed(String operation, long startNanos) {
    var elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    for (CallListener listener : listeners) {
      listener.completed(operation, elapsed);
    }
  }

  private static Executor on(Context context) {
    return task -> context.runOnContext(ignored -> task.run());
  }
}
