package io.mailroom.store.mailbox;

import io.mailroom.persistence.Transactions;
import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.account.Account;
import io.mailroom.store.events.MailChange.MailboxDeleted;
import io.mailroom.store.events.Outbox;
import io.mailroom.store.persistence.ContentRows;
import io.mailroom.store.persistence.MailboxRows;
import io.mailroom.store.persistence.MessageRows;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * DELETE: a mailbox without children goes with its messages; one with children stays as \Noselect;
 * INBOX cannot be deleted.
 */
@ApplicationScoped
public class MailboxDeletion {
  private final Transactions tx;
  private final MailboxRows mailboxes;
  private final MessageRows messages;
  private final ContentRows contents;
  private final Outbox outbox;

  MailboxDeletion(
      Transactions tx,
      MailboxRows mailboxes,
      MessageRows messages,
      ContentRows contents,
      Outbox outbox) {
    this.tx = tx;
    this.mailboxes = mailboxes;
    this.messages = messages;
    this.contents = contents;
    this.outbox = outbox;
  }

  public Uni<Void> delete(Account account, String rawName) {
    MailboxName name = MailboxName.of(rawName);
    if (name.isInbox()) {
      throw new StoreFailure(Reason.CANNOT, "INBOX cannot be deleted");
    }
    return tx.write(
        session ->
            mailboxes
                .lockByName(session, account.id(), name.value())
                .chain(
                    found -> {
                      Mailbox m =
                          found.orElseThrow(
                              () -> new StoreFailure(Reason.NONEXISTENT, "no such mailbox"));
                      return mailboxes
                          .hasChildren(session, m.accountId(), m.name())
                          .chain(
                              children -> {
                                if (children && !m.selectable()) {
                                  throw new StoreFailure(
                                      Reason.CANNOT, "mailbox has children and is \\Noselect");
                                }
                                return removeMessages(session, m)
                                    .chain(
                                        () ->
                                            children
                                                ? mailboxes.makeNoselect(session, m.id())
                                                : mailboxes.delete(session, m.id()))
                                    .chain(
                                        () ->
                                            outbox.write(
                                                session, account, new MailboxDeleted(m.pointer())));
                              });
                    }));
  }

  private Uni<Void> removeMessages(Mutiny.Session session, Mailbox m) {
    return messages
        .removeAll(session, m.id())
        .chain(contentIds -> contents.deleteOrphans(session, contentIds));
  }
}
