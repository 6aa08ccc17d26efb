package io.mailroom.store.client.maildrop;

import static io.mailroom.store.client.TestStore.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.mailroom.store.api.v1.ListingReply;
import io.mailroom.store.api.v1.ListingRequest;
import io.mailroom.store.api.v1.LockReply;
import io.mailroom.store.api.v1.LockRequest;
import io.mailroom.store.api.v1.MaildropGrpc;
import io.mailroom.store.api.v1.ReleaseReply;
import io.mailroom.store.api.v1.ReleaseRequest;
import io.mailroom.store.api.v1.RenewRequest;
import io.mailroom.store.client.StoreFailure;
import io.mailroom.store.client.TestStore;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.mailbox.MailboxRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MaildropClientTest {
  private static final Login ALICE = new Login("alice", "tok");

  /** Holder "busy" finds the maildrop in use; Renew leaves the inbox out, as it may. */
  private static final class FakeMaildrop extends MaildropGrpc.MaildropImplBase {
    volatile String released;

    @Override
    public void lock(LockRequest request, StreamObserver<LockReply> replies) {
      if (request.getHolder().equals("busy")) {
        var trailers = new Metadata();
        trailers.put(Metadata.Key.of("mailroom-error", Metadata.ASCII_STRING_MARSHALLER), "INUSE");
        replies.onError(Status.FAILED_PRECONDITION.asRuntimeException(trailers));
        return;
      }
      replies.onNext(
          LockReply.newBuilder()
              .setLockId("L1")
              .setExpiresAtEpochMs(1000)
              .setInbox(
                  io.mailroom.store.api.v1.MailboxRef.newBuilder()
                      .setMailboxId(7)
                      .setUidValidity(-1))
              .build());
      replies.onCompleted();
    }

    @Override
    public void renew(RenewRequest request, StreamObserver<LockReply> replies) {
      replies.onNext(
          LockReply.newBuilder().setLockId(request.getLockId()).setExpiresAtEpochMs(2000).build());
      replies.onCompleted();
    }

    @Override
    public void release(ReleaseRequest request, StreamObserver<ReleaseReply> replies) {
      released = request.getLockId();
      replies.onNext(ReleaseReply.getDefaultInstance());
      replies.onCompleted();
    }

    @Override
    public void listing(ListingRequest request, StreamObserver<ListingReply> replies) {
      replies.onNext(
          ListingReply.newBuilder()
              .addEntries(
                  io.mailroom.store.api.v1.MaildropEntry.newBuilder()
                      .setUid(1)
                      .setSize(120)
                      .setUidl("M1"))
              .build());
      replies.onNext(
          ListingReply.newBuilder()
              .addEntries(
                  io.mailroom.store.api.v1.MaildropEntry.newBuilder()
                      .setUid(-1)
                      .setSize(0)
                      .setUidl("M2"))
              .build());
      replies.onCompleted();
    }
  }

  private final FakeMaildrop fake = new FakeMaildrop();
  private final TestStore store = new TestStore(fake);
  private final MaildropClient client = new MaildropClient(TestStore.calls(), store.stubs());

  @AfterEach
  void close() throws InterruptedException {
    store.close();
  }

  @Test
  void aSessionLocksRenewsListsAndReleases() {
    var lock = await(client.lock(ALICE, "pop3-1/s1", 60));
    assertThat(lock).isEqualTo(new MaildropLock("L1", new MailboxRef(7, 4294967295L), 1000));

    var renewed = await(client.renew(ALICE, lock, 60));
    assertThat(renewed.inbox()).as("kept from the lock").isEqualTo(lock.inbox());
    assertThat(renewed.expiresAtEpochMs()).isEqualTo(2000);

    assertThat(await(client.listing(ALICE, lock)))
        .containsExactly(new MaildropEntry(1, 120, "M1"), new MaildropEntry(4294967295L, 0, "M2"));

    await(client.release(ALICE, lock));
    assertThat(fake.released).isEqualTo("L1");
    assertThat(store.header("authorization")).isEqualTo("Bearer tok");
  }

  @Test
  void aMaildropHeldElsewhereIsInUse() {
    assertThatThrownBy(() -> await(client.lock(ALICE, "busy", 60)))
        .isInstanceOfSatisfying(
            StoreFailure.class, f -> assertThat(f.reason()).isEqualTo(StoreFailure.Reason.INUSE));
  }
}
