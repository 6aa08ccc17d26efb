package io.mailroom.store.client.maildrop;

import static io.mailroom.store.client.StoreCalls.as;

import io.mailroom.store.api.v1.ListingRequest;
import io.mailroom.store.api.v1.LockReply;
import io.mailroom.store.api.v1.LockRequest;
import io.mailroom.store.api.v1.MutinyMaildropGrpc.MutinyMaildropStub;
import io.mailroom.store.api.v1.ReleaseRequest;
import io.mailroom.store.api.v1.RenewRequest;
import io.mailroom.store.client.StoreCalls;
import io.mailroom.store.client.StoreStubs;
import io.mailroom.store.client.auth.Caller;
import io.mailroom.store.client.mailbox.MailboxMapping;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The POP3 maildrop (the store's Maildrop service): the exclusive lease on an account's INBOX and
 * the snapshot of its messages under that lease.
 */
@ApplicationScoped
public class MaildropClient {
  private final StoreCalls calls;
  private final MutinyMaildropStub maildrop;

  @Inject
  public MaildropClient(StoreCalls calls, StoreStubs stubs) {
    this.calls = calls;
    this.maildrop = stubs.maildrop();
  }

  /**
   * Takes the account's lease; INUSE while another live session holds it. {@code holder} names this
   * session in the store's diagnostics.
   */
  public Uni<MaildropLock> lock(Caller caller, String holder, int leaseSeconds) {
    var request = LockRequest.newBuilder().setHolder(holder).setLeaseSeconds(leaseSeconds).build();
    return calls
        .unary("lock", as(caller, maildrop), stub -> stub.lock(request))
        .map(reply -> lock(reply, MailboxMapping.ref(reply.getInbox())));
  }

  /** Extends the lease; EXPIRED if it lapsed (another session may hold the maildrop now). */
  public Uni<MaildropLock> renew(Caller caller, MaildropLock lock, int leaseSeconds) {
    var request =
        RenewRequest.newBuilder().setLockId(lock.lockId()).setLeaseSeconds(leaseSeconds).build();
    return calls
        .unary("renew", as(caller, maildrop), stub -> stub.renew(request))
        .map(
            reply ->
                // Renew may leave the inbox out; the one from Lock stays valid for the session.
                lock(
                    reply,
                    reply.hasInbox() && reply.getInbox().getMailboxId() != 0
                        ? MailboxMapping.ref(reply.getInbox())
                        : lock.inbox()));
  }

  public Uni<Void> release(Caller caller, MaildropLock lock) {
    var request = ReleaseRequest.newBuilder().setLockId(lock.lockId()).build();
    return calls
        .unary("release", as(caller, maildrop), stub -> stub.release(request))
        .replaceWithVoid();
  }

  /** The INBOX snapshot under the lease, in UID order, with each message's exact size and UIDL. */
  public Uni<List<MaildropEntry>> listing(Caller caller, MaildropLock lock) {
    var request = ListingRequest.newBuilder().setLockId(lock.lockId()).build();
    return calls.idempotent(
        "listing",
        as(caller, maildrop),
        stub ->
            stub.listing(request)
                .onItem()
                .transformToIterable(reply -> reply.getEntriesList())
                .map(
                    e ->
                        new MaildropEntry(
                            Integer.toUnsignedLong(e.getUid()), e.getSize(), e.getUidl()))
                .collect()
                .asList());
  }

  private static MaildropLock lock(LockReply reply, MailboxRef inbox) {
    return new MaildropLock(reply.getLockId(), inbox, reply.getExpiresAtEpochMs());
  }
}
