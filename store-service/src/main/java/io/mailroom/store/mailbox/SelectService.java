package io.mailroom.store.mailbox;

import io.mailroom.persistence.Transactions;
import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.account.Account;
import io.mailroom.store.message.MessageState;
import io.mailroom.store.persistence.MailboxRows;
import io.mailroom.store.persistence.MessageRows;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** SELECT / EXAMINE, and Changes since a MODSEQ. */
@ApplicationScoped
public class SelectService {
  private static final int MAX_PAGE = 5000;

  /** The mailbox as a session opens it. */
  public record Opened(
      Mailbox mailbox, MailboxCounts counts, List<String> flagsInUse, long firstRecentUid) {}

  /** What changed since a MODSEQ. */
  public record Changes(
      Mailbox mailbox, List<MessageState> changed, List<Long> expunged, long messages) {}

  private final Transactions tx;
  private final MailboxRows mailboxes;
  private final MessageRows messages;
  private final MailboxAccess access;

  SelectService(
      Transactions tx, MailboxRows mailboxes, MessageRows messages, MailboxAccess access) {
    this.tx = tx;
    this.mailboxes = mailboxes;
    this.messages = messages;
    this.access = access;
  }

  /**
   * A read-write select claims \Recent: messages from the old floor up are recent for this session
   * only; the floor moves to UIDNEXT.
   */
  public Uni<Opened> open(Account account, String rawName, boolean readOnly) {
    MailboxName name = MailboxName.of(rawName);
    return tx.write(
        session ->
            (readOnly
                    ? mailboxes.byName(session, account.id(), name.value())
                    : mailboxes.lockByName(session, account.id(), name.value()))
                .chain(
                    found -> {
                      Mailbox m =
                          found.orElseThrow(
                              () -> new StoreFailure(Reason.NONEXISTENT, "no such mailbox"));
                      if (!m.selectable()) {
                        throw new StoreFailure(Reason.NOSELECT, "mailbox is \\Noselect");
                      }
                      Uni<Void> claim =
                          readOnly
                              ? Uni.createFrom().voidItem()
                              : mailboxes.claimRecent(session, m.id());
                      return claim
                          .chain(() -> messages.counts(session, m))
                          .chain(
                              counts ->
                                  messages
                                      .flagsInUse(session, m.id())
                                      .map(flags -> new Opened(m, counts, flags, m.recentFloor())));
                    }));
  }

  /** The message states in UID order, page by page. */
  public Multi<List<MessageState>> states(long mailboxId, int pageSize) {
    int size = pageSize <= 0 ? 1000 : Math.min(pageSize, MAX_PAGE);
    AtomicLong after = new AtomicLong(0);
    return Multi.createBy()
        .repeating()
        .uni(
            () ->
                tx.read(session -> messages.statesPage(session, mailboxId, after.get(), size))
                    .invoke(
                        page -> {
                          if (!page.isEmpty()) {
                            after.set(page.get(page.size() - 1).uid());
                          }
                        }))
        .until(List::isEmpty);
  }

  public Uni<Changes> changes(Account account, MailboxRef ref, long sinceModseq) {
    return tx.write(
        session ->
            access
                .read(session, account, ref)
                .chain(
                    m ->
                        messages
                            .changedSince(session, m.id(), sinceModseq)
                            .chain(
                                changed ->
                                    messages
                                        .expungedSince(session, m.id(), sinceModseq)
                                        .chain(
                                            expunged ->
                                                messages
                                                    .counts(session, m)
                                                    .map(
                                                        c ->
                                                            new Changes(
                                                                m,
                                                                changed,
                                                                expunged,
                                                                c.messages()))))));
  }
}
