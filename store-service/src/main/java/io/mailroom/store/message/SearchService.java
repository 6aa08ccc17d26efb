package io.mailroom.store.message;

import io.mailroom.store.account.Account;
import io.mailroom.store.mailbox.MailboxAccess;
import io.mailroom.store.mailbox.MailboxRef;
import io.mailroom.store.persistence.Sql;
import io.mailroom.store.persistence.SqlRow;
import io.mailroom.store.persistence.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** SEARCH: the key tree as one SQL query. */
@ApplicationScoped
public class SearchService {

  /** Matching UIDs (ascending) and the highest MODSEQ among them (CONDSTORE). */
  public record Found(List<Long> uids, long highestModseq) {}

  private final Transactions tx;
  private final MailboxAccess access;

  SearchService(Transactions tx, MailboxAccess access) {
    this.tx = tx;
    this.access = access;
  }

  public Uni<Found> search(Account account, MailboxRef ref, SearchTerm term) {
    return tx.read(session -> search(session, account, ref, term));
  }

  private Uni<Found> search(
      Mutiny.Session session, Account account, MailboxRef ref, SearchTerm term) {
    return access
        .read(session, account, ref)
        .chain(
            m -> {
              List<Object> params = Sql.params(m.id());
              String condition = SearchCompiler.compile(term, params);
              return Sql.rows(
                      session,
                      "select mm.uid, mm.modseq from mailbox_message mm join content c on c.id ="
                          + " mm.content_id where mm.mailbox_id = $1 and coalesce("
                          + condition
                          + ", false) order by mm.uid",
                      params)
                  .map(
                      rows -> {
                        List<Long> uids = new ArrayList<>();
                        long highest = 0;
                        for (SqlRow r : rows) {
                          uids.add(r.getLong(0));
                          highest = Math.max(highest, r.getLong(1));
                        }
                        return new Found(uids, highest);
                      });
            });
  }
}
