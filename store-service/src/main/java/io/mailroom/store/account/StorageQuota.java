package io.mailroom.store.account;

import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.persistence.AccountRows;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The account's storage quota, as Dovecot keeps it: every path that adds mail to an account
 * (delivery, APPEND, COPY) asks here, in the transaction that stores the mail, with the receiving
 * mailbox already locked. MOVE within an account changes no usage and does not ask.
 */
@ApplicationScoped
public class StorageQuota {
  private final AccountRows accounts;

  StorageQuota(AccountRows accounts) {
    this.accounts = accounts;
  }

  /**
   * Refuses with OVERQUOTA when adding {@code octets} would take the account over its limit (a
   * message that fills it exactly still fits). An account without a limit costs one primary-key
   * read and takes no lock.
   */
  public Uni<Void> admit(Mutiny.Session session, long accountId, long octets) {
    return accounts
        .quotaBytes(session, accountId)
        .chain(
            limit -> {
              if (limit.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              return accounts
                  .lockUsage(session, accountId)
                  .chain(() -> accounts.usedBytes(session, accountId))
                  .invoke(
                      used -> {
                        if (used + octets > limit.get()) {
                          throw new StoreFailure(
                              Reason.OVERQUOTA, "Quota exceeded (mailbox for user is full)");
                        }
                      })
                  .replaceWithVoid();
            });
  }
}
