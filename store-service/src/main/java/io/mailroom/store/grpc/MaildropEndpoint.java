package io.mailroom.store.grpc;

import io.mailroom.store.api.v1.ListingReply;
import io.mailroom.store.api.v1.ListingRequest;
import io.mailroom.store.api.v1.LockReply;
import io.mailroom.store.api.v1.LockRequest;
import io.mailroom.store.api.v1.MailboxRef;
import io.mailroom.store.api.v1.Maildrop;
import io.mailroom.store.api.v1.MaildropEntry;
import io.mailroom.store.api.v1.ReleaseReply;
import io.mailroom.store.api.v1.ReleaseRequest;
import io.mailroom.store.api.v1.RenewRequest;
import io.mailroom.store.mailbox.MaildropService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The Maildrop service (POP3): lease and listing. */
@GrpcService
public class MaildropEndpoint implements Maildrop {
  private final Callers callers;
  private final MaildropService maildrop;

  MaildropEndpoint(Callers callers, MaildropService maildrop) {
    this.callers = callers;
    this.maildrop = maildrop;
  }

  @Override
  public Uni<LockReply> lock(LockRequest request) {
    return callers.unary(
        account ->
            maildrop
                .lock(account, request.getHolder(), request.getLeaseSeconds())
                .map(MaildropEndpoint::reply));
  }

  @Override
  public Uni<LockReply> renew(RenewRequest request) {
    return callers.unary(
        account ->
            maildrop
                .renew(account, request.getLockId(), request.getLeaseSeconds())
                .map(MaildropEndpoint::reply));
  }

  @Override
  public Uni<ReleaseReply> release(ReleaseRequest request) {
    return callers.unary(
        account ->
            maildrop
                .release(account, request.getLockId())
                .replaceWith(ReleaseReply.getDefaultInstance()));
  }

  @Override
  public Multi<ListingReply> listing(ListingRequest request) {
    return callers.stream(
        account ->
            maildrop
                .listing(account, request.getLockId())
                .map(
                    page ->
                        ListingReply.newBuilder()
                            .addAllEntries(
                                page.stream()
                                    .map(
                                        e ->
                                            MaildropEntry.newBuilder()
                                                .setUid((int) e.uid())
                                                .setSize(e.size())
                                                .setUidl(e.uidl())
                                                .build())
                                    .toList())
                            .build()));
  }

  private static LockReply reply(MaildropService.Lease lease) {
    return LockReply.newBuilder()
        .setLockId(lease.lockId())
        .setExpiresAtEpochMs(lease.expiresAt().toInstant().toEpochMilli())
        .setInbox(
            MailboxRef.newBuilder()
                .setMailboxId(lease.inbox().id())
                .setUidValidity((int) lease.inbox().uidValidity()))
        .build();
  }
}
