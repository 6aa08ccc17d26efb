package io.mailroom.store.persistence;

import io.mailroom.store.mime.ParsedMessage;
import io.mailroom.store.mime.PartOffsets;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** SQL of the immutable content table (one row per ingested message, shared by copies). */
@ApplicationScoped
public class ContentRows {

  /** Inserts the parsed metadata; returns the row id. */
  public Uni<Long> insert(
      SqlClient sql, String emailId, String blobKey, ParsedMessage parsed, String headerText) {
    JsonArray parts = new JsonArray();
    for (PartOffsets p : parsed.parts()) {
      parts.add(
          new JsonObject()
              .put("path", p.path())
              .put("headerStart", p.headerStart())
              .put("bodyStart", p.bodyStart())
              .put("bodyEnd", p.bodyEnd())
              .put("messageHeaderEnd", p.messageHeaderEnd()));
    }
    String search = clean(parsed.searchableText());
    Tuple values =
        Tuple.tuple()
            .addValue(emailId)
            .addValue(blobKey)
            .addValue(parsed.size())
            .addValue(clean(parsed.envelope()))
            .addValue(clean(parsed.bodyStructure()))
            .addValue(clean(parsed.body()))
            .addValue(parts)
            .addValue(clean(headerText))
            .addValue(clean(parsed.subject()))
            .addValue(clean(parsed.from()))
            .addValue(clean(parsed.to()))
            .addValue(clean(parsed.cc()))
            .addValue(clean(parsed.bcc()))
            .addValue(clean(parsed.messageId()))
            .addValue(parsed.sentDate())
            .addValue(search);
    return sql.preparedQuery(
            "insert into content (email_id, blob_key, size, envelope, body_structure, body,"
                + " parts, header_text, subject, from_addr, to_addr, cc_addr, bcc_addr,"
                + " message_id, sent_date, search_text, search_vector) values ($1, $2, $3, $4,"
                + " $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
                + " to_tsvector('simple', left($9 || ' ' || $16, 200000))) returning id")
        .execute(values)
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Removes content rows no mailbox refers to any more; their blobs go to the sweeper. */
  public Uni<Void> deleteOrphans(SqlClient sql, List<Long> contentIds) {
    if (contentIds.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return sql.preparedQuery(
            "delete from content c where c.id = any($1) and not exists"
                + " (select 1 from mailbox_message m where m.content_id = c.id)")
        .execute(Tuple.of(contentIds.toArray(Long[]::new)))
        .replaceWithVoid();
  }

  /** Content ids an account refers to (before deleting it). */
  public Uni<List<Long>> ofAccount(SqlClient sql, long accountId) {
    return sql.preparedQuery(
            "select distinct mm.content_id from mailbox_message mm"
                + " join mailbox m on m.id = mm.mailbox_id where m.account_id = $1")
        .execute(Tuple.of(accountId))
        .map(
            rows -> {
              List<Long> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.getLong(0)));
              return ids;
            });
  }

  /** PostgreSQL text cannot hold NUL; mail sometimes does. */
  static String clean(String s) {
    return s == null ? "" : s.indexOf('\0') < 0 ? s : s.replace("\0", "");
  }
}
