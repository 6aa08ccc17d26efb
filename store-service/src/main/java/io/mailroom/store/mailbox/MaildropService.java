package io.mailroom.store.mailbox;

import io.mailroom.persistence.Transactions;
import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.account.Account;
import io.mailroom.store.persistence.MailboxRows;
import io.mailroom.store.persistence.MaildropLeases;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The POP3 maildrop lock (RFC 1939) as a lease row: one holder per account across all gateway
 * replicas; a dead gateway's lease simply expires.
 */
@ApplicationScoped
public class MaildropService {
  private static final int DEFAULT_LEASE = 60;
  private static final int MAX_LEASE = 3600;
  private static final int PAGE = 1000;

  /** A held lease and the INBOX it guards. */
  public record Lease(String lockId, OffsetDateTime expiresAt, Mailbox inbox) {}

  private final Transactions tx;
  private final MailboxRows mailboxes;
  private final MaildropLeases leases;

  MaildropService(Transactions tx, MailboxRows mailboxes, MaildropLeases leases) {
    this.tx = tx;
    this.mailboxes = mailboxes;
    this.leases = leases;
  }

  public Uni<Lease> lock(Account account, String holder, int leaseSeconds) {
    String lockId = UUID.randomUUID().toString();
    String shortHolder = holder.length() > 200 ? holder.substring(0, 200) : holder;
    return tx.write(
        session ->
            leases
                .take(session, account.id(), lockId, shortHolder, seconds(leaseSeconds))
                .chain(
                    expires -> {
                      if (expires.isEmpty()) {
                        throw new StoreFailure(
                            Reason.INUSE, "maildrop is locked by another session");
                      }
                      return inbox(session, account).map(m -> new Lease(lockId, expires.get(), m));
                    }));
  }

  public Uni<Lease> renew(Account account, String lockId, int leaseSeconds) {
    return tx.write(
        session ->
            leases
                .renew(session, account.id(), lockId, seconds(leaseSeconds))
                .chain(
                    expires -> {
                      if (expires.isEmpty()) {
                        throw new StoreFailure(Reason.EXPIRED, "maildrop lease expired");
                      }
                      return inbox(session, account).map(m -> new Lease(lockId, expires.get(), m));
                    }));
  }

  public Uni<Void> release(Account account, String lockId) {
    return tx.write(session -> leases.release(session, account.id(), lockId));
  }

  /** The INBOX snapshot in pages; only for the lease holder. */
  public Multi<List<MaildropEntry>> listing(Account account, String lockId) {
    return tx.read(
            session ->
                leases
                    .holds(session, account.id(), lockId)
                    .chain(
                        held -> {
                          if (!held) {
                            throw new StoreFailure(
                                Reason.EXPIRED, "maildrop lease expired or not held");
                          }
                          return inbox(session, account);
                        }))
        .onItem()
        .transformToMulti(inbox -> pages(inbox.id()));
  }

  private Multi<List<MaildropEntry>> pages(long inboxId) {
    AtomicLong after = new AtomicLong();
    return Multi.createBy()
        .repeating()
        .uni(
            () ->
                tx.read(session -> leases.listing(session, inboxId, after.get(), PAGE))
                    .invoke(
                        page -> {
                          if (!page.isEmpty()) {
                            after.set(page.get(page.size() - 1).uid());
                          }
                        }))
        .until(List::isEmpty);
  }

  private Uni<Mailbox> inbox(Mutiny.Session session, Account account) {
    return mailboxes
        .byName(session, account.id(), MailboxName.INBOX)
        .map(m -> m.orElseThrow(() -> new StoreFailure(Reason.NOT_FOUND, "no INBOX")));
  }

  private static int seconds(int requested) {
    return requested <= 0 ? DEFAULT_LEASE : Math.min(requested, MAX_LEASE);
  }
}
