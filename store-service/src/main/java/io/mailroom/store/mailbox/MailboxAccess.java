package io.mailroom.store.mailbox;

import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.account.Account;
import io.mailroom.store.persistence.MailboxRows;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Finds the mailbox a call refers to, always within the caller's account: another account's mailbox
 * id looks exactly like one that does not exist.
 */
@ApplicationScoped
public class MailboxAccess {
  private final MailboxRows mailboxes;

  MailboxAccess(MailboxRows mailboxes) {
    this.mailboxes = mailboxes;
  }

  public Uni<Mailbox> read(Mutiny.Session session, Account account, MailboxRef ref) {
    return mailboxes.byId(session, account.id(), ref.mailboxId()).map(found -> check(found, ref));
  }

  /** As {@link #read}, and locks the mailbox row for the transaction. */
  public Uni<Mailbox> lock(Mutiny.Session session, Account account, MailboxRef ref) {
    return mailboxes.lock(session, account.id(), ref.mailboxId()).map(found -> check(found, ref));
  }

  private static Mailbox check(Optional<Mailbox> found, MailboxRef ref) {
    Mailbox m = found.orElseThrow(() -> new StoreFailure(Reason.NONEXISTENT, "no such mailbox"));
    if (ref.uidValidity() != 0 && ref.uidValidity() != m.uidValidity()) {
      throw new StoreFailure(Reason.UIDVALIDITY_CHANGED, "mailbox was re-created");
    }
    if (!m.selectable()) {
      throw new StoreFailure(Reason.NOSELECT, "mailbox is \\Noselect");
    }
    return m;
  }
}
