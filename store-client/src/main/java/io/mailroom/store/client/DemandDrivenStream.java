package io.mailroom.store.client;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.smallrye.mutiny.Multi;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * A server-streaming call as a Multi that asks gRPC for one more message only when its subscriber
 * asks for one. The generated Mutiny stubs buffer whatever the server sends, without flow control,
 * so a slow client would make a gateway hold a large message in memory; with this, gRPC's flow
 * control window pushes back on the store instead. Taken from pop3-gateway, where it began.
 */
final class DemandDrivenStream {
  private DemandDrivenStream() {}

  static <Q, R> Multi<R> of(BiConsumer<Q, StreamObserver<R>> call, Q request) {
    Flow.Publisher<R> publisher = subscriber -> start(call, request, subscriber);
    return Multi.createFrom().publisher(publisher);
  }

  private static <Q, R> void start(
      BiConsumer<Q, StreamObserver<R>> call, Q request, Flow.Subscriber<? super R> subscriber) {
    var done = new AtomicBoolean();
    var observer =
        new ClientResponseObserver<Q, R>() {
          private ClientCallStreamObserver<Q> stream;

          @Override
          public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
            this.stream = requestStream;
            requestStream.disableAutoRequestWithInitial(0);
          }

          @Override
          public void onNext(R value) {
            if (!done.get()) {
              subscriber.onNext(value);
            }
          }

          @Override
          public void onError(Throwable error) {
            if (done.compareAndSet(false, true)) {
              subscriber.onError(error);
            }
          }

          @Override
          public void onCompleted() {
            if (done.compareAndSet(false, true)) {
              subscriber.onComplete();
            }
          }
        };
    try {
      call.accept(request, observer);
    } catch (RuntimeException e) {
      subscriber.onSubscribe(new Nothing());
      subscriber.onError(e);
      return;
    }
    ClientCallStreamObserver<Q> stream = observer.stream;
    subscriber.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {
            if (n <= 0) {
              cancel();
              subscriber.onError(new IllegalArgumentException("non-positive request: " + n));
              return;
            }
            // request(int) may be called from any thread (ClientCall's contract)
            stream.request((int) Math.min(n, Integer.MAX_VALUE));
          }

          @Override
          public void cancel() {
            if (done.compareAndSet(false, true)) {
              stream.cancel("subscriber cancelled", null);
            }
          }
        });
  }

  private static final class Nothing implements Flow.Subscription {
    @Override
    public void request(long n) {}

    @Override
    public void cancel() {}
  }
}
