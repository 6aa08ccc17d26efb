package io.mailroom.store.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.mailroom.store.api.v1.ListMailboxesReply;
import io.mailroom.store.api.v1.ListMailboxesRequest;
import io.mailroom.store.api.v1.MailboxesGrpc;
import io.mailroom.store.client.StoreFailure.Reason;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Idempotent calls ride out a blip; a store that is down is not asked again and again. */
class RetryTest {
  /** Fails the first {@code failures} LISTs with {@code status}, then answers. */
  private static final class FlakyMailboxes extends MailboxesGrpc.MailboxesImplBase {
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger failures;
    final Status status;
    final String trailer;

    FlakyMailboxes(int failures, Status status, String trailer) {
      this.failures = new AtomicInteger(failures);
      this.status = status;
      this.trailer = trailer;
    }

    @Override
    public void list(ListMailboxesRequest request, StreamObserver<ListMailboxesReply> replies) {
      attempts.incrementAndGet();
      if (failures.getAndDecrement() > 0) {
        var trailers = new Metadata();
        if (trailer != null) {
          trailers.put(StoreFailures.MAILROOM_ERROR, trailer);
        }
        replies.onError(status.asRuntimeException(trailers));
        return;
      }
      replies.onNext(ListMailboxesReply.newBuilder().setDelimiter("/").build());
      replies.onCompleted();
    }
  }

  private TestStore store;
  private final StoreCalls calls =
      new StoreCalls(Duration.ofSeconds(5), List.of(), new RetryBudget(10));

  @AfterEach
  void close() throws Exception {
    if (store != null) {
      store.close();
    }
  }

  private Uni<ListMailboxesReply> list(boolean repeatable) {
    return calls.unary(
        "list",
        store.stubs().mailboxes(),
        s -> s.list(ListMailboxesRequest.newBuilder().setPattern("*").build()),
        repeatable);
  }

  @Test
  void anIdempotentCallIsRetriedThroughABlip() {
    var mailboxes = new FlakyMailboxes(2, Status.UNAVAILABLE, null);
    store = new TestStore(mailboxes);

    assertThat(TestStore.await(list(true)).getDelimiter()).isEqualTo("/");
    assertThat(mailboxes.attempts).hasValue(3);
  }

  @Test
  void aCallThatMayNotBeMadeTwiceIsNotRetried() {
    var mailboxes = new FlakyMailboxes(1, Status.UNAVAILABLE, null);
    store = new TestStore(mailboxes);

    assertThatThrownBy(() -> TestStore.await(list(false)))
        .isInstanceOfSatisfying(
            StoreFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.UNAVAILABLE));
    assertThat(mailboxes.attempts).hasValue(1);
  }

  @Test
  void aRefusalIsNeverRetried() {
    var mailboxes = new FlakyMailboxes(1, Status.NOT_FOUND, "NONEXISTENT");
    store = new TestStore(mailboxes);

    assertThatThrownBy(() -> TestStore.await(list(true)))
        .isInstanceOfSatisfying(
            StoreFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.NONEXISTENT));
    assertThat(mailboxes.attempts).hasValue(1);
  }

  @Test
  void aStoreThatIsDownIsNotAskedThreeTimesPerCall() {
    var mailboxes = new FlakyMailboxes(Integer.MAX_VALUE, Status.UNAVAILABLE, null);
    store = new TestStore(mailboxes);

    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> TestStore.await(list(true))).isInstanceOf(StoreFailure.class);
    }

    // 10 tokens: 3 attempts (7 left), 2 (5 left), then one each: 13, not the 30 of 3 per call.
    assertThat(mailboxes.attempts).hasValue(13);
  }

  @Test
  void successesEarnTheBudgetBack() {
    var budget = new RetryBudget(10);
    for (int i = 0; i < 5; i++) {
      budget.failed();
    }
    assertThat(budget.mayRetry()).isFalse();

    budget.succeeded();

    assertThat(budget.mayRetry()).isTrue();
  }
}
