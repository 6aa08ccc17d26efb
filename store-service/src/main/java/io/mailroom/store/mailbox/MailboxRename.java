package io.mailroom.store.mailbox;

import io.mailroom.persistence.Transactions;
import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.account.Account;
import io.mailroom.store.events.MailChange.MailboxRenamed;
import io.mailroom.store.events.Outbox;
import io.mailroom.store.persistence.MailboxRows;
import io.mailroom.store.persistence.MessageRows;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/** RENAME: the mailbox and its children move; renaming INBOX moves its messages instead. */
@ApplicationScoped
public class MailboxRename {
  private final Transactions tx;
  private final MailboxRows mailboxes;
  private final MessageRows messages;
  private final MailboxService hierarchy;
  private final Outbox outbox;

  MailboxRename(
      Transactions tx,
      MailboxRows mailboxes,
      MessageRows messages,
      MailboxService hierarchy,
      Outbox outbox) {
    this.tx = tx;
    this.mailboxes = mailboxes;
    this.messages = messages;
    this.hierarchy = hierarchy;
    this.outbox = outbox;
  }

  public Uni<Void> rename(Account account, String rawFrom, String rawTo) {
    MailboxName from = MailboxName.of(rawFrom);
    MailboxName to = MailboxName.of(rawTo);
    if (to.isInbox() || to.equals(from)) {
      throw new StoreFailure(Reason.ALREADYEXISTS, "target mailbox exists");
    }
    if (to.isInferiorOf(from) && !from.isInbox()) {
      throw new StoreFailure(Reason.CANNOT, "cannot rename a mailbox into itself");
    }
    return tx.write(
        session ->
            mailboxes
                .lockByName(session, account.id(), from.value())
                .chain(
                    source -> {
                      Mailbox m =
                          source.orElseThrow(
                              () -> new StoreFailure(Reason.NONEXISTENT, "no such mailbox"));
                      return mailboxes
                          .byName(session, account.id(), to.value())
                          .chain(
                              target -> {
                                if (target.isPresent()) {
                                  throw new StoreFailure(
                                      Reason.ALREADYEXISTS, "target mailbox exists");
                                }
                                Uni<Void> move =
                                    from.isInbox()
                                        ? moveInbox(session, account, m, to)
                                        : renameTree(session, account, m, to);
                                return hierarchy
                                    .createParents(session, account, to)
                                    .chain(() -> move);
                              })
                          .chain(
                              () ->
                                  outbox.write(
                                      session,
                                      account,
                                      new MailboxRenamed(
                                          m.renamed(to.value()).pointer(), from.value())));
                    }));
  }

  private Uni<Void> renameTree(Mutiny.Session session, Account account, Mailbox m, MailboxName to) {
    return mailboxes.renameTree(session, account.id(), m.name(), to.value());
  }

  /**
   * RFC 3501: renaming INBOX moves its messages to the new name and leaves INBOX empty; INBOX's
   * children stay. The messages keep their UIDs in the new mailbox; INBOX records them expunged.
   */
  private Uni<Void> moveInbox(
      Mutiny.Session session, Account account, Mailbox inbox, MailboxName to) {
    return mailboxes
        .insert(session, account.id(), to.value(), null, false)
        .map(Optional::orElseThrow)
        .chain(
            target ->
                mailboxes
                    .continueCounters(session, target.id(), inbox.uidNext(), inbox.highestModseq())
                    .chain(() -> mailboxes.allocate(session, inbox.id(), 0))
                    .chain(
                        allocation ->
                            messages
                                .moveAll(session, inbox.id(), target.id())
                                .chain(
                                    uids ->
                                        messages.tombstones(
                                            session, inbox.id(), uids, allocation.modseq()))));
  }
}
