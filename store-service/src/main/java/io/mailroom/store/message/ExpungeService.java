package io.mailroom.store.message;

import io.mailroom.persistence.Transactions;
import io.mailroom.store.account.Account;
import io.mailroom.store.events.MailChange.MessagesExpunged;
import io.mailroom.store.events.Outbox;
import io.mailroom.store.mailbox.Mailbox;
import io.mailroom.store.mailbox.MailboxAccess;
import io.mailroom.store.mailbox.MailboxRef;
import io.mailroom.store.persistence.ContentRows;
import io.mailroom.store.persistence.MailboxRows;
import io.mailroom.store.persistence.MessageRows;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** EXPUNGE: removes messages, leaves tombstones for Changes, and drops unshared content. */
@ApplicationScoped
public class ExpungeService {

  /** The removed UIDs (ascending) and the mailbox's MODSEQ afterwards. */
  public record Expunged(List<Long> uids, long highestModseq) {}

  private final Transactions tx;
  private final MailboxAccess access;
  private final MailboxRows mailboxes;
  private final MessageRows messages;
  private final ContentRows contents;
  private final Outbox outbox;

  ExpungeService(
      Transactions tx,
      MailboxAccess access,
      MailboxRows mailboxes,
      MessageRows messages,
      ContentRows contents,
      Outbox outbox) {
    this.tx = tx;
    this.access = access;
    this.mailboxes = mailboxes;
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
    return messages
        .expunge(session, m.id(), mode, uids)
        .chain(
            removal -> {
              List<Long> removed = removal.uids();
              if (removed.isEmpty()) {
                return Uni.createFrom().item(new Expunged(removed, m.highestModseq()));
              }
              long modseq = m.highestModseq() + 1;
              return mailboxes
                  .setHighestModseq(session, m.id(), modseq)
                  .chain(() -> messages.tombstones(session, m.id(), removed, modseq))
                  .chain(() -> contents.deleteOrphans(session, removal.contentIds()))
                  .chain(
                      () ->
                          outbox.write(
                              session, account, new MessagesExpunged(m.pointer(), removed, modseq)))
                  .map(ignored -> new Expunged(removed, modseq));
            });
  }
}
