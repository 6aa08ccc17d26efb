package io.mailroom.store.service;

import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.api.v1.MessageAppended;
import io.mailroom.store.domain.Account;
import io.mailroom.store.domain.Flags;
import io.mailroom.store.domain.MailboxName;
import io.mailroom.store.domain.StoreFailure;
import io.mailroom.store.domain.StoreFailure.Reason;
import io.mailroom.store.domain.UidSet;
import io.mailroom.store.events.Outbox;
import io.mailroom.store.persistence.MailboxRow;
import io.mailroom.store.persistence.MailboxRows;
import io.mailroom.store.persistence.UidSetSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * COPY and MOVE: the copies share the source's content rows (and blob); MOVE also expunges the
 * source messages, all in one transaction.
 */
@ApplicationScoped
public class CopyService {

  /** The COPYUID mapping and, for MOVE, what left the source. */
  public record Copied(
      MailboxRow target,
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

  private final Pool pool;
  private final MailboxAccess access;
  private final MailboxRows mailboxes;
  private final MailboxService hierarchy;
  private final ExpungeService expunger;
  private final Outbox outbox;

  CopyService(
      Pool pool,
      MailboxAccess access,
      MailboxRows mailboxes,
      MailboxService hierarchy,
      ExpungeService expunger,
      Outbox outbox) {
    this.pool = pool;
    this.access = access;
    this.mailboxes = mailboxes;
    this.hierarchy = hierarchy;
    this.expunger = expunger;
    this.outbox = outbox;
  }

  public Uni<Copied> copy(Account account, CopyOrder order) {
    MailboxName targetName = MailboxName.of(order.target());
    return pool.withTransaction(
        sql ->
            access
                .read(sql, account, order.source())
                .chain(
                    source ->
                        target(sql, account, targetName, order.createTarget())
                            .chain(
                                target ->
                                    lockInOrder(sql, account, source, target)
                                        .chain(
                                            locked ->
                                                copyLocked(
                                                    sql, account, order, locked[0], locked[1])))));
  }

  private Uni<MailboxRow> target(SqlClient sql, Account account, MailboxName name, boolean create) {
    return mailboxes
        .byName(sql, account.id(), name.value())
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
                  .createParents(sql, account, name)
                  .chain(() -> mailboxes.insert(sql, account.id(), name.value(), null, false))
                  .map(Optional::orElseThrow);
            });
  }

  /** Locks source and target by id order, so that COPY A->B and COPY B->A cannot deadlock. */
  private Uni<MailboxRow[]> lockInOrder(
      SqlClient sql, Account account, MailboxRow source, MailboxRow target) {
    MailboxRef s = new MailboxRef(source.id(), 0);
    MailboxRef t = new MailboxRef(target.id(), 0);
    if (source.id() == target.id()) {
      return access.lock(sql, account, s).map(m -> new MailboxRow[] {m, m});
    }
    boolean sourceFirst = source.id() < target.id();
    return access
        .lock(sql, account, sourceFirst ? s : t)
        .chain(
            first ->
                access
                    .lock(sql, account, sourceFirst ? t : s)
                    .map(
                        second ->
                            sourceFirst
                                ? new MailboxRow[] {first, second}
                                : new MailboxRow[] {second, first}));
  }

  private Uni<Copied> copyLocked(
      SqlClient sql, Account account, CopyOrder order, MailboxRow source, MailboxRow target) {
    Tuple params = Tuple.of(source.id());
    String inSet = UidSetSql.condition(order.uids(), params, "$1");
    return sql.preparedQuery(
            "select mm.uid from mailbox_message mm where mm.mailbox_id = $1 and "
                + inSet
                + " order by mm.uid")
        .execute(params)
        .chain(
            rows -> {
              List<Long> sourceUids = new ArrayList<>();
              rows.forEach(r -> sourceUids.add(r.getLong(0)));
              if (sourceUids.isEmpty()) {
                return Uni.createFrom()
                    .item(
                        new Copied(
                            target, List.of(), List.of(), List.of(), source.highestModseq()));
              }
              return mailboxes
                  .allocate(sql, target.id(), sourceUids.size())
                  .chain(
                      a ->
                          insertCopies(sql, source, target, sourceUids, a, order.addFlags())
                              .chain(
                                  targetUids ->
                                      appendedEvent(sql, account, target, order, targetUids, a)
                                          .chain(
                                              () ->
                                                  order.move()
                                                      ? moveAway(
                                                          sql, account, source, target, sourceUids)
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

  private Uni<List<Long>> insertCopies(
      SqlClient sql,
      MailboxRow source,
      MailboxRow target,
      List<Long> sourceUids,
      MailboxRows.Allocation a,
      Flags addFlags) {
    Long[] from = sourceUids.toArray(Long[]::new);
    return sql.preparedQuery(
            "insert into mailbox_message (mailbox_id, uid, content_id, flags, modseq,"
                + " internal_date, internal_date_offset)"
                + " select $2, $3 + s.ord - 1, mm.content_id,"
                + " array(select distinct f from unnest(mm.flags || $5::text[]) f order by f),"
                + " $4, mm.internal_date, mm.internal_date_offset"
                + " from unnest($6::bigint[]) with ordinality s(uid, ord)"
                + " join mailbox_message mm on mm.mailbox_id = $1 and mm.uid = s.uid"
                + " returning uid")
        .execute(
            Tuple.tuple()
                .addValue(source.id())
                .addValue(target.id())
                .addValue(a.firstUid())
                .addValue(a.modseq())
                .addValue(addFlags.toArray())
                .addValue(from))
        .map(
            rows -> {
              List<Long> uids = new ArrayList<>();
              rows.forEach(r -> uids.add(r.getLong(0)));
              uids.sort(null);
              return uids;
            });
  }

  private Uni<ExpungeService.Expunged> moveAway(
      SqlClient sql, Account account, MailboxRow source, MailboxRow target, List<Long> uids) {
    // The copies took a MODSEQ from the target; when source and target are one mailbox, expunge
    // must continue from there.
    Uni<MailboxRow> current =
        source.id() == target.id()
            ? mailboxes.byId(sql, account.id(), source.id()).map(Optional::orElseThrow)
            : Uni.createFrom().item(source);
    return current.chain(
        m -> expunger.expunge(sql, account, m, ExpungeMode.ALL_IN_SET, UidSet.ofUids(uids)));
  }

  private Uni<Void> appendedEvent(
      SqlClient sql,
      Account account,
      MailboxRow target,
      CopyOrder order,
      List<Long> targetUids,
      MailboxRows.Allocation a) {
    return outbox.write(
        sql,
        account,
        MailEvent.newBuilder()
            .setMessageAppended(
                MessageAppended.newBuilder()
                    .setMailbox(Outbox.pointer(target))
                    .addAllUids(targetUids.stream().map(Long::intValue).toList())
                    .setModseq(a.modseq())
                    .setSource(order.move() ? "move" : "copy")));
  }
}
