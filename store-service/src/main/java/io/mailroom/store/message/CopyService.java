package io.mailroom.store.message;

import io.mailroom.persistence.Transactions;
import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.account.Account;
import io.mailroom.store.account.StorageQuota;
import io.mailroom.store.events.MailChange.MessageAppended;
import io.mailroom.store.events.MailChange.MessageAppended.Source;
import io.mailroom.store.events.Outbox;
import io.mailroom.store.mailbox.Mailbox;
import io.mailroom.store.mailbox.MailboxAccess;
import io.mailroom.store.mailbox.MailboxName;
import io.mailroom.store.mailbox.MailboxRef;
import io.mailroom.store.mailbox.MailboxService;
import io.mailroom.store.mailbox.UidAllocation;
import io.mailroom.store.persistence.MailboxRows;
import io.mailroom.store.persistence.MessageRows;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * COPY and MOVE: the copies share the source's content rows (and blob); MOVE also expunges the
 * source messages, all in one transaction. A COPY counts against the quota like new mail (Dovecot
 * does the same); a MOVE does not.
 */
@ApplicationScoped
public class CopyService {

  /** The COPYUID mapping and, for MOVE, what left the source. */
  public record Copied(
      Mailbox target,
      List<Long> sourceUids,
      List<Long> targetUids,
      List<Long> expunged,
      long sourceHighestModseq) {}

  /** What COPY asks for. */
  public record CopyOrder(
      MailboxRef source,
      UidSet uids,
      String target,
      boolean move,
      boolean createTarget,
      Flags addFlags) {}

  private final Transactions tx;
  private final MailboxAccess access;
  private final MailboxRows mailboxes;
  private final MessageRows messages;
  private final MailboxService hierarchy;
  private final ExpungeService expunger;
  private final Outbox outbox;
  private final StorageQuota quota;

  CopyService(
      Transactions tx,
      MailboxAccess access,
      MailboxRows mailboxes,
      MessageRows messages,
      MailboxService hierarchy,
      ExpungeService expunger,
      Outbox outbox,
      StorageQuota quota) {
    this.tx = tx;
    this.access = access;
    this.mailboxes = mailboxes;
    this.messages = messages;
    this.hierarchy = hierarchy;
    this.expunger = expunger;
    this.outbox = outbox;
    this.quota = quota;
  }

  public Uni<Copied> copy(Account account, CopyOrder order) {
    MailboxName targetName = MailboxName.of(order.target());
    return tx.write(
        session ->
            access
                .read(session, account, order.source())
                .chain(
                    source ->
                        target(session, account, targetName, order.createTarget())
                            .chain(
                                target ->
                                    lockInOrder(session, account, source, target)
                                        .chain(
                                            locked ->
                                                copyLocked(
                                                    session, account, order, locked[0],
                                                    locked[1])))));
  }

  private Uni<Mailbox> target(
      Mutiny.Session session, Account account, MailboxName name, boolean create) {
    return mailboxes
        .byName(session, account.id(), name.value())
        .chain(
            found -> {
              if (found.isPresent()) {
                if (!found.get().selectable()) {
                  throw new StoreFailure(Reason.NOSELECT, "target mailbox is \\Noselect");
                }
                return Uni.createFrom().item(found.get());
              }
              if (!create) {
                throw new StoreFailure(Reason.TRYCREATE, "target mailbox does not exist");
              }
              return hierarchy
                  .createParents(session, account, name)
                  .chain(() -> mailboxes.insert(session, account.id(), name.value(), null, false))
                  .map(Optional::orElseThrow);
            });
  }

  /** Locks source and target by id order, so that COPY A->B and COPY B->A cannot deadlock. */
  private Uni<Mailbox[]> lockInOrder(
      Mutiny.Session session, Account account, Mailbox source, Mailbox target) {
    MailboxRef s = new MailboxRef(source.id(), 0);
    MailboxRef t = new MailboxRef(target.id(), 0);
    if (source.id() == target.id()) {
      return access.lock(session, account, s).map(m -> new Mailbox[] {m, m});
    }
    boolean sourceFirst = source.id() < target.id();
    return access
        .lock(session, account, sourceFirst ? s : t)
        .chain(
            first ->
                access
                    .lock(session, account, sourceFirst ? t : s)
                    .map(
                        second ->
                            sourceFirst
                                ? new Mailbox[] {first, second}
                                : new Mailbox[] {second, first}));
  }

  private Uni<Copied> copyLocked(
      Mutiny.Session session, Account account, CopyOrder order, Mailbox source, Mailbox target) {
    return messages
        .sizesInSet(session, source.id(), order.uids())
        .chain(
            found -> {
              List<Long> sourceUids = found.uids();
              long octets = found.octets();
              if (sourceUids.isEmpty()) {
                return Uni.createFrom()
                    .item(
                        new Copied(
                            target, List.of(), List.of(), List.of(), source.highestModseq()));
              }
              // MOVE stays within the account, so it takes no more room than it frees.
              Uni<Void> admitted =
                  order.move()
                      ? Uni.createFrom().voidItem()
                      : quota.admit(session, account.id(), octets);
              return admitted
                  .chain(() -> mailboxes.allocate(session, target.id(), sourceUids.size()))
                  .chain(
                      a ->
                          messages
                              .copy(
                                  session,
                                  source.id(),
                                  target.id(),
                                  sourceUids,
                                  a,
                                  order.addFlags())
                              .chain(
                                  targetUids ->
                                      appendedEvent(session, account, target, order, targetUids, a)
                                          .chain(
                                              () ->
                                                  order.move()
                                                      ? moveAway(
                                                          session,
                                                          account,
                                                          source,
                                                          target,
                                                          sourceUids)
                                                      : Uni.createFrom()
                                                          .item(
                                                              new ExpungeService.Expunged(
                                                                  List.of(),
                                                                  source.id() == target.id()
                                                                      ? a.modseq()
                                                                      : source.highestModseq())))
                                          .map(
                                              expunged ->
                                                  new Copied(
                                                      target,
                                                      sourceUids,
                                                      targetUids,
                                                      expunged.uids(),
                                                      expunged.highestModseq()))));
            });
  }

  private Uni<ExpungeService.Expunged> moveAway(
      Mutiny.Session session, Account account, Mailbox source, Mailbox target, List<Long> uids) {
    // The copies took a MODSEQ from the target; when source and target are one mailbox, expunge
    // must continue from there.
    Uni<Mailbox> current =
        source.id() == target.id()
            ? mailboxes.byId(session, account.id(), source.id()).map(Optional::orElseThrow)
            : Uni.createFrom().item(source);
    return current.chain(
        m -> expunger.expunge(session, account, m, ExpungeMode.ALL_IN_SET, UidSet.ofUids(uids)));
  }

  private Uni<Void> appendedEvent(
      Mutiny.Session session,
      Account account,
      Mailbox target,
      CopyOrder order,
      List<Long> targetUids,
      UidAllocation a) {
    return outbox.write(
        session,
        account,
        new MessageAppended(
            target.pointer(),
            targetUids,
            a.modseq(),
            List.of(),
            order.move() ? Source.MOVE : Source.COPY));
  }
}
