package io.mailroom.store.testkit;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.api.v1.ListingReply;
import io.mailroom.store.api.v1.ListingRequest;
import io.mailroom.store.api.v1.LockReply;
import io.mailroom.store.api.v1.LockRequest;
import io.mailroom.store.api.v1.MailboxRef;
import io.mailroom.store.api.v1.MaildropEntry;
import io.mailroom.store.api.v1.MaildropGrpc;
import io.mailroom.store.api.v1.ReleaseReply;
import io.mailroom.store.api.v1.ReleaseRequest;
import io.mailroom.store.api.v1.RenewRequest;
import io.quarkus.grpc.GrpcService;
import java.util.ArrayList;
import java.util.List;

/** The Maildrop service (POP3): one lease per account, and the INBOX listing under it. */
@GrpcService
public class InMemoryMaildrop extends MaildropGrpc.MaildropImplBase {
  /** Entries per listing reply: small, so that every listing is streamed in several pages. */
  private static final int PAGE = 2;

  private final InMemoryStore store;

  public InMemoryMaildrop(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public void lock(LockRequest request, StreamObserver<LockReply> observer) {
    StoreErrors.answer(
        observer, () -> reply(lock(StoreErrors.account(), request.getLeaseSeconds())));
  }

  @Override
  public void renew(RenewRequest request, StreamObserver<LockReply> observer) {
    StoreErrors.answer(
        observer,
        () ->
            reply(
                store
                    .leases()
                    .renew(StoreErrors.account(), request.getLockId(), request.getLeaseSeconds())));
  }

  @Override
  public void release(ReleaseRequest request, StreamObserver<ReleaseReply> observer) {
    StoreErrors.answer(
        observer,
        () -> {
          store.leases().release(StoreErrors.account(), request.getLockId());
          return ReleaseReply.getDefaultInstance();
        });
  }

  @Override
  public void listing(ListingRequest request, StreamObserver<ListingReply> observer) {
    String account;
    try {
      account = StoreErrors.account();
      if (!store.leases().holds(account, request.getLockId())) {
        throw StoreErrors.refusal(
            Status.FAILED_PRECONDITION, ErrorCode.EXPIRED, "maildrop lease expired or not held");
      }
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return;
    }
    store
        .listingGate()
        .whenComplete(
            (ignored, failure) -> {
              pages(account).forEach(observer::onNext);
              observer.onCompleted();
            });
  }

  private List<ListingReply> pages(String account) {
    var pages = new ArrayList<ListingReply>();
    var page = ListingReply.newBuilder();
    for (StoredMessage m : store.inbox(account)) {
      page.addEntries(
          MaildropEntry.newBuilder()
              .setUid((int) m.uid())
              .setSize(m.listingSize())
              .setUidl(m.uidl()));
      if (page.getEntriesCount() == PAGE) {
        pages.add(page.build());
        page = ListingReply.newBuilder();
      }
    }
    if (page.getEntriesCount() > 0 || pages.isEmpty()) {
      pages.add(page.build());
    }
    return pages;
  }

  /** The lease on an account that exists (its INBOX found first, as the real store does). */
  private MaildropLease lock(String account, int leaseSeconds) {
    store.inboxOf(account);
    return store.leases().lock(account, leaseSeconds);
  }

  private LockReply reply(MaildropLease lease) {
    Mailbox inbox = store.inboxOf(lease.username());
    return LockReply.newBuilder()
        .setLockId(lease.lockId())
        .setExpiresAtEpochMs(lease.expiresAtMs())
        .setInbox(
            MailboxRef.newBuilder().setMailboxId(inbox.id).setUidValidity((int) inbox.uidValidity))
        .build();
  }
}
