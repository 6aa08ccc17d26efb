package io.mailroom.store.persistence;

import io.mailroom.store.message.SearchHits;
import io.mailroom.store.message.SearchTerm;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** SEARCH: the key tree compiled by {@link SearchCompiler} into one query over one mailbox. */
@ApplicationScoped
public class MessageSearch {

  public Uni<SearchHits> search(Mutiny.Session session, long mailboxId, SearchTerm term) {
    List<Object> params = Sql.params(mailboxId);
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
              return new SearchHits(uids, highest);
            });
  }
}
