package io.mailroom.store.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.smallrye.mutiny.Multi;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A server stream that pulls its Multi one reply at a time, and only while the call can take more
 * (gRPC transport flow control). Quarkus's own binding (io.quarkus.grpc.stubs.ServerCalls
 * .oneToMany) subscribes with unbounded demand and never asks isReady(), so a FETCH of a large
 * message by a slow client would read the whole body from S3 into gRPC's outbound buffer. Here a
 * stalled client holds the store to its HTTP/2 window plus a chunk, and a client going away cancels
 * the subscription, which closes the S3 read.
 *
 * @param <T> the reply type
 */
final class FlowControlledStream<T> implements Flow.Subscriber<T> {
  private final ServerCallStreamObserver<T> call;
  private final AtomicReference<Flow.Subscription> upstream = new AtomicReference<>();

  /** One reply asked for and not yet received: at most one is ever outstanding. */
  private final AtomicBoolean asked = new AtomicBoolean();

  private volatile boolean finished;

  private FlowControlledStream(ServerCallStreamObserver<T> call) {
    this.call = call;
  }

  /** The service's definition with method bound to body through a flow-controlled stream. */
  static <Q, R> ServerServiceDefinition rebind(
      ServerServiceDefinition service, MethodDescriptor<Q, R> method, Function<Q, Multi<R>> body) {
    ServerServiceDefinition.Builder rebound =
        ServerServiceDefinition.builder(service.getServiceDescriptor());
    for (ServerMethodDefinition<?, ?> m : service.getMethods()) {
      if (!m.getMethodDescriptor().getFullMethodName().equals(method.getFullMethodName())) {
        rebound.addMethod(m);
      }
    }
    return rebound
        .addMethod(
            method,
            ServerCalls.asyncServerStreamingCall(
                (request, observer) -> serve(() -> body.apply(request), observer)))
        .build();
  }

  /**
   * Subscribes to the replies for this call. Runs where gRPC invokes the method (the call's Vert.x
   * context), and asks for the first reply at once, so the endpoint's own work up to its first
   * reply (caller lookup, the metadata transaction) starts where it would under oneToMany.
   */
  static <T> void serve(Supplier<Multi<T>> replies, StreamObserver<T> observer) {
    ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) observer;
    FlowControlledStream<T> stream = new FlowControlledStream<>(call);
    // gRPC takes these handlers only before the method returns.
    call.setOnReadyHandler(stream::pull);
    call.setOnCancelHandler(stream::cancel);
    Multi<T> multi;
    try {
      multi = replies.get();
    } catch (RuntimeException e) {
      stream.onError(e);
      return;
    }
    multi.subscribe().withSubscriber(stream);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    asked.set(true);
    upstream.set(subscription);
    if (finished) {
      subscription.cancel();
      return;
    }
    subscription.request(1);
  }

  @Override
  public void onNext(T reply) {
    if (finished) {
      return;
    }
    try {
      call.onNext(reply);
    } catch (RuntimeException e) {
      cancel();
      call.onError(GrpcErrors.toStatus(e));
      return;
    }
    // Cleared before isReady() is asked: an onReady that ran in between found a reply still
    // outstanding and asked for nothing, so this pull must see the call ready.
    asked.set(false);
    pull();
  }

  @Override
  public void onError(Throwable failure) {
    if (!finished) {
      finished = true;
      call.onError(GrpcErrors.toStatus(failure));
    }
  }

  @Override
  public void onComplete() {
    if (!finished) {
      finished = true;
      call.onCompleted();
    }
  }

  /** Asks for the next reply if the call can take it and none is on its way. */
  private void pull() {
    Flow.Subscription s = upstream.get();
    if (s != null && !finished && call.isReady() && asked.compareAndSet(false, true)) {
      s.request(1);
    }
  }

  private void cancel() {
    finished = true;
    Flow.Subscription s = upstream.get();
    if (s != null) {
      s.cancel();
    }
  }
}
