package io.mailroom.pop3.fake;

import io.grpc.Status;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.api.v1.ListingReply;
import io.mailroom.store.api.v1.ListingRequest;
import io.mailroom.store.api.v1.LockReply;
import io.mailroom.store.api.v1.LockRequest;
import io.mailroom.store.api.v1.MailboxRef;
import io.mailroom.store.api.v1.MaildropEntry;
import io.mailroom.store.api.v1.MutinyMaildropGrpc;
import io.mailroom.store.api.v1.ReleaseReply;
import io.mailroom.store.api.v1.ReleaseRequest;
import io.mailroom.store.api.v1.RenewRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The lease refuses a second holder, as the store's lease row does. */
@GrpcService
public class FakeMaildrop extends MutinyMaildropGrpc.MaildropImplBase {
  private final FakeMailData data;

  FakeMaildrop(FakeMailData data) {
    this.data = data;
  }

  @Override
  public Uni<LockReply> lock(LockRequest request) {
    String account = FakeErrors.account();
    int lease = request.getLeaseSeconds() == 0 ? 60 : request.getLeaseSeconds();
    return data.lock(account, lease)
        .map(l -> Uni.createFrom().item(reply(l)))
        .orElseGet(
            () ->
                Uni.createFrom()
                    .failure(FakeErrors.error(Status.FAILED_PRECONDITION, ErrorCode.INUSE)));
  }

  @Override
  public Uni<LockReply> renew(RenewRequest request) {
    String account = FakeErrors.account();
    return data.renew(account, request.getLockId(), request.getLeaseSeconds())
        .map(l -> Uni.createFrom().item(reply(l)))
        .orElseGet(
            () ->
                Uni.createFrom()
                    .failure(FakeErrors.error(Status.FAILED_PRECONDITION, ErrorCode.EXPIRED)));
  }

  @Override
  public Uni<ReleaseReply> release(ReleaseRequest request) {
    data.release(FakeErrors.account(), request.getLockId());
    return Uni.createFrom().item(ReleaseReply.getDefaultInstance());
  }

  @Override
  public Multi<ListingReply> listing(ListingRequest request) {
    String account = FakeErrors.account();
    if (!data.holds(account, request.getLockId())) {
      return Multi.createFrom()
          .failure(FakeErrors.error(Status.FAILED_PRECONDITION, ErrorCode.EXPIRED));
    }
    var gate = data.listingGate;
    if (gate != null) {
      return Uni.createFrom()
          .completionStage(gate)
          .onItem()
          .transformToMulti(ignored -> pages(account));
    }
    return pages(account);
  }

  private Multi<ListingReply> pages(String account) {
    // two pages, to exercise the streamed listing
    var reply = ListingReply.newBuilder();
    var pages = new java.util.ArrayList<ListingReply>();
    for (var m : data.inbox(account)) {
      reply.addEntries(
          MaildropEntry.newBuilder().setUid(m.uid).setSize(m.listingSize()).setUidl(m.uidl));
      if (reply.getEntriesCount() == 2) {
        pages.add(reply.build());
        reply = ListingReply.newBuilder();
      }
    }
    pages.add(reply.build());
    return Multi.createFrom().iterable(pages);
  }

  private static LockReply reply(FakeMailData.Lease lease) {
    return LockReply.newBuilder()
        .setLockId(lease.lockId())
        .setExpiresAtEpochMs(lease.expiresAtMs())
        .setInbox(
            MailboxRef.newBuilder()
                .setMailboxId(FakeMailData.INBOX_ID)
                .setUidValidity(FakeMailData.UID_VALIDITY))
        .build();
  }
}
