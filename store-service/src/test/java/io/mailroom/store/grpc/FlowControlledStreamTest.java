package io.mailroom.store.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.smallrye.mutiny.Multi;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The demand FlowControlledStream gives its Multi, against a call whose readiness the test sets.
 */
class FlowControlledStreamTest {

  @Test
  void asksForTheFirstReplyAndThenOnlyWhileTheCallIsReady() {
    FakeCall call = new FakeCall();
    call.ready = false;
    AtomicLong requested = new AtomicLong();
    FlowControlledStream.serve(
        () -> Multi.createFrom().range(0, 10).onRequest().invoke(requested::addAndGet), call);

    assertThat(requested).hasValue(1);
    assertThat(call.sent).containsExactly(0);

    call.ready = true;
    call.limit = 3;
    call.onReady.run();
    assertThat(call.sent).containsExactly(0, 1, 2);
    assertThat(requested).hasValue(3);

    call.limit = Integer.MAX_VALUE;
    call.onReady.run();
    assertThat(call.sent).hasSize(10);
    assertThat(call.completed).isTrue();
  }

  @Test
  void aCancelledCallCancelsTheSubscription() {
    FakeCall call = new FakeCall();
    call.ready = false;
    AtomicBoolean cancelled = new AtomicBoolean();
    FlowControlledStream.serve(
        () -> Multi.createFrom().range(0, 10).onCancellation().invoke(() -> cancelled.set(true)),
        call);

    call.onCancel.run();
    call.ready = true;
    call.onReady.run();

    assertThat(cancelled).isTrue();
    assertThat(call.sent).containsExactly(0);
    assertThat(call.completed).isFalse();
    assertThat(call.failure).isNull();
  }

  @Test
  void failuresBecomeStatusesWithTheErrorTrailer() {
    FakeCall call = new FakeCall();
    FlowControlledStream.serve(
        () -> Multi.createFrom().failure(new StoreFailure(Reason.NONEXISTENT, "no mailbox")), call);

    StatusRuntimeException status = (StatusRuntimeException) call.failure;
    assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(status.getTrailers().get(GrpcErrors.ERROR_TRAILER)).isEqualTo("NONEXISTENT");
  }

  @Test
  void aBodyThatThrowsFailsTheCall() {
    FakeCall call = new FakeCall();
    FlowControlledStream.<Integer>serve(
        () -> {
          throw new StoreFailure(Reason.BAD_REQUEST, "too many sections");
        },
        call);

    assertThat(((StatusRuntimeException) call.failure).getStatus().getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  /** A call that turns not ready once it holds limit replies, as a full HTTP/2 window does. */
  private static final class FakeCall extends ServerCallStreamObserver<Integer> {
    final List<Integer> sent = new ArrayList<>();
    boolean ready = true;
    int limit = Integer.MAX_VALUE;
    boolean completed;
    Throwable failure;
    Runnable onReady;
    Runnable onCancel;

    @Override
    public boolean isReady() {
      return ready && sent.size() < limit;
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {
      onReady = handler;
    }

    @Override
    public void setOnCancelHandler(Runnable handler) {
      onCancel = handler;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public void setCompression(String compression) {}

    @Override
    public void disableAutoInboundFlowControl() {}

    @Override
    public void request(int count) {}

    @Override
    public void setMessageCompression(boolean enable) {}

    @Override
    public void onNext(Integer value) {
      sent.add(value);
    }

    @Override
    public void onError(Throwable t) {
      failure = t;
    }

    @Override
    public void onCompleted() {
      completed = true;
    }
  }
}
