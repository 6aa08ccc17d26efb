package io.mailroom.store.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The body stream asks gRPC for exactly what its subscriber asked for, and no more. */
class DemandDrivenStreamTest {
  /** Stands in for a gRPC call: records what was requested and lets the test send replies. */
  static final class FakeCall extends ClientCallStreamObserver<String> {
    final List<Integer> requested = new ArrayList<>();
    String cancelled;
    ClientResponseObserver<String, String> responses;

    @SuppressWarnings("unchecked")
    void start(String request, StreamObserver<String> observer) {
      responses = (ClientResponseObserver<String, String>) observer;
      responses.beforeStart(this);
    }

    int outstanding() {
      return requested.stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public void disableAutoRequestWithInitial(int request) {
      requested.add(request);
    }

    @Override
    public void request(int count) {
      requested.add(count);
    }

    @Override
    public void cancel(String message, Throwable cause) {
      cancelled = message;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setOnReadyHandler(Runnable onReadyHandler) {}

    @Override
    public void disableAutoInboundFlowControl() {}

    @Override
    public void setMessageCompression(boolean enable) {}

    @Override
    public void onNext(String value) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }

  @Test
  void requestsFromGrpcOnlyWhatTheSubscriberWants() {
    var call = new FakeCall();
    var subscriber =
        DemandDrivenStream.<String, String>of(call::start, "fetch")
            .subscribe()
            .withSubscriber(AssertSubscriber.create(0));
    assertThat(call.outstanding()).isZero();
    subscriber.request(1);
    assertThat(call.outstanding()).isEqualTo(1);
    call.responses.onNext("chunk 1");
    subscriber.assertItems("chunk 1");
    subscriber.request(2);
    assertThat(call.outstanding()).isEqualTo(3);
    call.responses.onNext("chunk 2");
    call.responses.onCompleted();
    subscriber.assertItems("chunk 1", "chunk 2").assertCompleted();
  }

  @Test
  void cancellingTheSubscriptionCancelsTheCall() {
    var call = new FakeCall();
    var subscriber =
        DemandDrivenStream.<String, String>of(call::start, "fetch")
            .subscribe()
            .withSubscriber(AssertSubscriber.create(1));
    call.responses.onNext("chunk 1");
    subscriber.cancel();
    assertThat(call.cancelled).isEqualTo("subscriber cancelled");
  }

  @Test
  void errorsArePassedOn() {
    var call = new FakeCall();
    var subscriber =
        DemandDrivenStream.<String, String>of(call::start, "fetch")
            .subscribe()
            .withSubscriber(AssertSubscriber.create(1));
    call.responses.onError(new IllegalStateException("store gone"));
    subscriber.assertFailedWith(IllegalStateException.class, "store gone");
  }

  /**
   * gRPC may close a call before the caller's code after starting it has run (a refusal on another
   * thread): the subscriber still hears of the subscription first, then the failure.
   */
  @Test
  void aCallThatFailsAsItStartsIsAFailureAfterTheSubscription() {
    var call = new FakeCall();
    var subscriber =
        DemandDrivenStream.<String, String>of(
                (request, observer) -> {
                  call.start(request, observer);
                  call.responses.onError(new IllegalStateException("refused at once"));
                },
                "fetch")
            .subscribe()
            .withSubscriber(AssertSubscriber.create(1));
    subscriber.assertSubscribed().assertFailedWith(IllegalStateException.class, "refused at once");
  }

  @Test
  void demandBeforeTheCallStartsIsAskedForOnceItHas() {
    var call = new FakeCall();
    DemandDrivenStream.<String, String>of(call::start, "fetch")
        .subscribe()
        .withSubscriber(AssertSubscriber.create(3));
    assertThat(call.outstanding()).isEqualTo(3);
    assertThat(call.cancelled).isNull();
  }
}
