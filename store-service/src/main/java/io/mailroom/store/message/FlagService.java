package io.mailroom.store.message;

import io.mailroom.persistence.Transactions;
import io.mailroom.store.account.Account;
import io.mailroom.store.events.MailChange.FlagsChanged;
import io.mailroom.store.events.Outbox;
import io.mailroom.store.mailbox.Mailbox;
import io.mailroom.store.mailbox.MailboxAccess;
import io.mailroom.store.mailbox.MailboxRef;
import io.mailroom.store.persistence.FlagRows;
import io.mailroom.store.persistence.MailboxRows;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * STORE: changes flags in one statement per call, under the mailbox lock, so that concurrent
 * changes from several sessions are applied one after the other and none is lost.
 */
@ApplicationScoped
public class FlagService {

  /**
   * @param updated messages whose flags changed, with the new modseq
   * @param modified UIDs that failed UNCHANGEDSINCE
   */
  public record Stored(List<MessageState> updated, List<Long> modified, long highestModseq) {}

  private final Transactions tx;
  private final MailboxAccess access;
  private final MailboxRows mailboxes;
  private final FlagRows flagRows;
  private final Outbox outbox;

  FlagService(
      Transactions tx,
      MailboxAccess access,
      MailboxRows mailboxes,
      FlagRows flagRows,
      Outbox outbox) {
    this.tx = tx;
    this.access = access;
    this.mailboxes = mailboxes;
    this.flagRows = flagRows;
    this.outbox = outbox;
  }

  public Uni<Stored> store(
      Account account,
      MailboxRef ref,
      UidSet uids,
      FlagMode mode,
      Flags flags,
      long unchangedSince) {
    return tx.write(
        session ->
            access
                .lock(session, account, ref)
                .chain(m -> store(session, account, m, uids, mode, flags, unchangedSince)));
  }

  /** Within a transaction that holds the mailbox lock (also used by FETCH to set \Seen). */
  Uni<Stored> store(
      Mutiny.Session session,
      Account account,
      Mailbox m,
      UidSet uids,
      FlagMode mode,
      Flags flags,
      long unchangedSince) {
    long modseq = m.highestModseq() + 1;
    // Failures of UNCHANGEDSINCE are judged on the state before this change.
    Uni<List<Long>> modifiedBefore =
        unchangedSince == 0
            ? Uni.createFrom().item(List.of())
            : flagRows.modifiedSince(session, m.id(), uids, unchangedSince);
    return modifiedBefore.chain(
        modified ->
            flagRows
                .store(session, m.id(), uids, mode, flags, modseq, unchangedSince)
                .chain(
                    updated -> {
                      if (updated.isEmpty()) {
                        return Uni.createFrom()
                            .item(new Stored(updated, modified, m.highestModseq()));
                      }
                      return mailboxes
                          .setHighestModseq(session, m.id(), modseq)
                          .chain(
                              () ->
                                  outbox.write(
                                      session,
                                      account,
                                      new FlagsChanged(
                                          m.pointer(),
                                          updated.stream().map(MessageState::uid).toList(),
                                          modseq)))
                          .map(ignored -> new Stored(updated, modified, modseq));
                    }));
  }
}
