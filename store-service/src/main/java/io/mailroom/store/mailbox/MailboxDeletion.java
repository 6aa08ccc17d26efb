package io.mailroom.store.mailbox;

import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.account.Account;
import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.api.v1.MailboxDeleted;
import io.mailroom.store.events.Outbox;
import io.mailroom.store.persistence.ContentRows;
import io.mailroom.store.persistence.MailboxRows;
import io.mailroom.store.persistence.Sql;
import io.mailroom.store.persistence.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * DELETE: a mailbox without children goes with its messages; one with children stays as \Noselect;
 * INBOX cannot be deleted.
 */
@ApplicationScoped
public class MailboxDeletion {
  private final Transactions tx;
  private final MailboxRows mailboxes;
  private final ContentRows contents;
  private final Outbox outbox;

  MailboxDeletion(Transactions tx, MailboxRows mailboxes, ContentRows contents, Outbox outbox) {
    this.tx = tx;
    this.mailboxes = mailboxes;
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
                      return hasChildren(session, m)
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
                                                ? Sql.execute(
                                                        session,
                                                        "update mailbox set selectable = false,"
                                                            + " special_use = null where id = $1",
                                                        m.id())
                                                    .replaceWithVoid()
                                                : mailboxes.delete(session, m.id()))
                                    .chain(
                                        () ->
                                            outbox.write(
                                                session,
                                                account,
                                                MailEvent.newBuilder()
                                                    .setMailboxDeleted(
                                                        MailboxDeleted.newBuilder()
                                                            .setMailbox(Outbox.pointer(m)))));
                              });
                    }));
  }

  private Uni<Boolean> hasChildren(Mutiny.Session session, Mailbox m) {
    return Sql.row(
            session,
            "select exists (select 1 from mailbox where account_id = $1"
                + " and left(name, length($2) + 1) = $2 || '/')",
            m.accountId(),
            m.name())
        .map(row -> row.orElseThrow().getBoolean(0));
  }

  private Uni<Void> removeMessages(Mutiny.Session session, Mailbox m) {
    return Sql.rows(
            session,
            "delete from mailbox_message where mailbox_id = $1 returning content_id",
            m.id())
        .chain(
            rows -> {
              List<Long> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.getLong(0)));
              return contents.deleteOrphans(session, ids);
            });
  }
}
