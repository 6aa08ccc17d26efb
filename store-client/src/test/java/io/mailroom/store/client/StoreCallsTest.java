package io.mailroom.store.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.stub.StreamObserver;
import io.mailroom.store.api.v1.ListMailboxesReply;
import io.mailroom.store.api.v1.ListMailboxesRequest;
import io.mailroom.store.api.v1.MailboxesGrpc;
import io.mailroom.store.api.v1.MutinyMailboxesGrpc.MutinyMailboxesStub;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.auth.ServiceCaller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoreCallsTest {
  /** Answers every LIST at once, from a gRPC thread. */
  private static final class FakeMailboxes extends MailboxesGrpc.MailboxesImplBase {
    @Override
    public void list(ListMailboxesRequest request, StreamObserver<ListMailboxesReply> replies) {
      replies.onNext(ListMailboxesReply.newBuilder().setDelimiter("/").build());
      replies.onCompleted();
    }
  }

  private final TestStore store = new TestStore(new FakeMailboxes());
  private final List<String> operations = new ArrayList<>();
  private final StoreCalls calls =
      new StoreCalls(
          Duration.ofSeconds(5), List.of((operation, elapsed) -> operations.add(operation)));
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    store.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private Uni<ListMailboxesReply> list(MutinyMailboxesStub stub) {
    return calls.unary(
        "list", stub, s -> s.list(ListMailboxesRequest.newBuilder().setPattern("*").build()));
  }

  @Test
  void aLoginCallsWithItsBearerToken() {
    list(StoreCalls.as(new Login("alice", "tok-1"), store.stubs().mailboxes()))
        .await()
        .atMost(Duration.ofSeconds(5));

    assertThat(store.header("authorization")).isEqualTo("Bearer tok-1");
    assertThat(store.header("x-mailroom-service-token")).isNull();
    assertThat(operations).containsExactly("list");
  }

  @Test
  void aServiceCallsWithItsTokenAndNamesTheAccount() {
    list(StoreCalls.as(new ServiceCaller("svc-1", "alice"), store.stubs().mailboxes()))
        .await()
        .atMost(Duration.ofSeconds(5));

    assertThat(store.header("x-mailroom-service-token")).isEqualTo("svc-1");
    assertThat(store.header("x-mailroom-account")).isEqualTo("alice");
    assertThat(store.header("authorization")).isNull();
  }

  @Test
  void aCallMadeOnAVertxContextIsAnsweredOnThatContext() throws Exception {
    Context context = vertx.getOrCreateContext();
    var answeredOn = new CompletableFuture<Context>();
    var threads = new CompletableFuture<List<String>>();
    context.runOnContext(
        ignored -> {
          String callingThread = Thread.currentThread().getName();
          list(store.stubs().mailboxes())
              .subscribe()
              .with(
                  reply -> {
                    answeredOn.complete(Vertx.currentContext());
                    threads.complete(List.of(callingThread, Thread.currentThread().getName()));
                  },
                  answeredOn::completeExceptionally);
        });

    assertThat(answeredOn.get(5, TimeUnit.SECONDS)).isSameAs(context);
    var names = threads.get(5, TimeUnit.SECONDS);
    assertThat(names.get(1)).isEqualTo(names.get(0));
  }

  @Test
  void aCallMadeOffAnyContextIsAnsweredWhereGrpcAnswers() throws Exception {
    var answeredOn = new CompletableFuture<String>();

    list(store.stubs().mailboxes())
        .subscribe()
        .with(
            reply -> answeredOn.complete(String.valueOf(Vertx.currentContext())),
            answeredOn::completeExceptionally);

    assertThat(answeredOn.get(5, TimeUnit.SECONDS)).isEqualTo("null");
  }
}
