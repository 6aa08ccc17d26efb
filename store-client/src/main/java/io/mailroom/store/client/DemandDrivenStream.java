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
    Flow.Publisher<R> publisher = subscriber -> new Call<Q, R>(subscriber).start(call, request);
    return Multi.createFrom().publisher(publisher);
  }

  /**
   * One call and its subscription. The subscriber is told of the subscription before the call
   * starts: gRPC may end a call (a refusal, a closed channel) on its own thread at any moment after
   * that, flow control or not, and Reactive Streams allows no signal before onSubscribe. Demand
   * that comes before the call has started is kept and asked for once it has.
   */
  private static final class Call<Q, R> implements ClientResponseObserver<Q, R>, Flow.Subscription {
    private final Flow.Subscriber<? super R> subscriber;
    private final AtomicBoolean done = new AtomicBoolean();
    private ClientCallStreamObserver<Q> stream; // guarded by this
    private boolean started; // guarded by this
    private long demandBeforeStart; // guarded by this

    Call(Flow.Subscriber<? super R> subscriber) {
      this.subscriber = subscriber;
    }

    void start(BiConsumer<Q, StreamObserver<R>> call, Q request) {
      subscriber.onSubscribe(this);
      if (done.get()) {
        return; // cancelled from onSubscribe
      }
      try {
        call.accept(request, this);
      } catch (RuntimeException e) {
        onError(e);
        return;
      }
      synchronized (this) {
        started = true;
        if (done.get()) {
          stream.cancel("subscriber cancelled", null);
        } else if (demandBeforeStart > 0) {
          stream.request((int) Math.min(demandBeforeStart, Integer.MAX_VALUE));
        }
      }
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
      synchronized (this) {
        this.stream = requestStream;
      }
      requestStream.disableAutoRequestWithInitial(0);
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancel();
        subscriber.onError(new IllegalArgumentException("non-positive request: " + n));
        return;
      }
      synchronized (this) {
        if (!started) {
          demandBeforeStart = Math.min(Long.MAX_VALUE - n, demandBeforeStart) + n;
          return;
        }
      }
      // request(int) may be called from any thread (ClientCall's contract)
      stream.request((int) Math.min(n, Integer.MAX_VALUE));
    }

    @Override
    public void cancel() {
      if (done.compareAndSet(false, true)) {
        synchronized (this) {
          if (started) {
            stream.cancel("subscriber cancelled", null);
          }
        }
      }
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
  }
}
