package io.mailroom.store.service;

import io.mailroom.store.domain.Account;
import io.mailroom.store.domain.SearchTerm;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** SEARCH: the key tree as one SQL query. */
@ApplicationScoped
public class SearchService {

  /** Matching UIDs (ascending) and the highest MODSEQ among them (CONDSTORE). */
  public record Found(List<Long> uids, long highestModseq) {}

  private final Pool pool;
  private final MailboxAccess access;

  SearchService(Pool pool, MailboxAccess access) {
    this.pool = pool;
    this.access = access;
  }

  public Uni<Found> search(Account account, MailboxRef ref, SearchTerm term) {
    return access
        .read(pool, account, ref)
        .chain(
            m -> {
              Tuple params = Tuple.of(m.id());
              String condition = SearchCompiler.compile(term, params);
              return pool.preparedQuery(
                      "select mm.uid, mm.modseq from mailbox_message mm join content c on c.id ="
                          + " mm.content_id where mm.mailbox_id = $1 and coalesce("
                          + condition
                          + ", false) order by mm.uid")
                  .execute(params)
                  .map(
                      rows -> {
                        List<Long> uids = new ArrayList<>();
                        long highest = 0;
                        for (Row r : rows) {
                          uids.add(r.getLong(0));
                          highest = Math.max(highest, r.getLong(1));
                        }
                        return new Found(uids, highest);
                      });
            });
  }
}
