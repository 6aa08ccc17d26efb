package io.mailroom.store.message;

import io.mailroom.store.account.Account;
import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.api.v1.MessagesExpunged;
import io.mailroom.store.events.Outbox;
import io.mailroom.store.mailbox.Mailbox;
import io.mailroom.store.mailbox.MailboxAccess;
import io.mailroom.store.mailbox.MailboxRef;
import io.mailroom.store.persistence.ContentRows;
import io.mailroom.store.persistence.MessageRows;
import io.mailroom.store.persistence.Sql;
import io.mailroom.store.persistence.Transactions;
import io.mailroom.store.persistence.UidSetSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** EXPUNGE: removes messages, leaves tombstones for Changes, and drops unshared content. */
@ApplicationScoped
public class ExpungeService {

  /** The removed UIDs (ascending) and the mailbox's MODSEQ afterwards. */
  public record Expunged(List<Long> uids, long highestModseq) {}

  private final Transactions tx;
  private final MailboxAccess access;
  private final MessageRows messages;
  private final ContentRows contents;
  private final Outbox outbox;

  ExpungeService(
      Transactions tx,
      MailboxAccess access,
      MessageRows messages,
      ContentRows contents,
      Outbox outbox) {
    this.tx = tx;
    this.access = access;
    this.messages = messages;
    this.contents = contents;
    this.outbox = outbox;
  }

  public Uni<Expunged> expunge(Account account, MailboxRef ref, ExpungeMode mode, UidSet uids) {
    return tx.write(
        session ->
            access
                .lock(session, account, ref)
                .chain(m -> expunge(session, account, m, mode, uids)));
  }

  /** Within a transaction holding the mailbox lock (also used by MOVE). */
  Uni<Expunged> expunge(
      Mutiny.Session session, Account account, Mailbox m, ExpungeMode mode, UidSet uids) {
    List<Object> params = Sql.params(m.id());
    String condition =
        switch (mode) {
          case ALL_DELETED -> "'\\Deleted' = any(mm.flags)";
          case DELETED_IN_SET ->
              "'\\Deleted' = any(mm.flags) and " + UidSetSql.condition(uids, params, "$1");
          case ALL_IN_SET -> UidSetSql.condition(uids, params, "$1");
        };
    return Sql.rows(
            session,
            "delete from mailbox_message mm where mm.mailbox_id = $1 and "
                + condition
                + " returning mm.uid, mm.content_id",
            params)
        .chain(
            rows -> {
              List<Long> removed = new ArrayList<>();
              List<Long> contentIds = new ArrayList<>();
              rows.forEach(
                  r -> {
                    removed.add(r.getLong(0));
                    contentIds.add(r.getLong(1));
                  });
              removed.sort(null);
              if (removed.isEmpty()) {
                return Uni.createFrom().item(new Expunged(removed, m.highestModseq()));
              }
              long modseq = m.highestModseq() + 1;
              return Sql.execute(
                      session,
                      "update mailbox set highest_modseq = $2 where id = $1",
                      m.id(),
                      modseq)
                  .chain(() -> messages.tombstones(session, m.id(), removed, modseq))
                  .chain(() -> contents.deleteOrphans(session, contentIds))
                  .chain(
                      () ->
                          outbox.write(
                              session,
                              account,
                              MailEvent.newBuilder()
                                  .setMessagesExpunged(
                                      MessagesExpunged.newBuilder()
                                          .setMailbox(Outbox.pointer(m))
                                          .addAllUids(removed.stream().map(Long::intValue).toList())
                                          .setModseq(modseq))))
                  .map(ignored -> new Expunged(removed, modseq));
            });
  }
}
