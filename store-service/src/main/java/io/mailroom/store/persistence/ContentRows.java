package io.mailroom.store.persistence;

import io.mailroom.mime.ParsedMessage;
import io.mailroom.mime.PartOffsets;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** SQL of the immutable content table (one row per ingested message, shared by copies). */
@ApplicationScoped
public class ContentRows {

  /** Inserts the parsed metadata; returns the row id. */
  public Uni<Long> insert(
      Mutiny.Session session,
      String emailId,
      String blobKey,
      ParsedMessage parsed,
      String headerText,
      boolean endsWithCrlf) {
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
    // jsonb is bound as text and cast: a String bound to jsonb would become a JSON string.
    return Sql.row(
            session,
            "insert into content (email_id, blob_key, size, envelope, body_structure, body,"
                + " parts, header_text, subject, from_addr, to_addr, cc_addr, bcc_addr,"
                + " message_id, sent_date, sent_date_offset, search_text, search_vector,"
                + " ends_with_crlf) values"
                + " ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, $10, $11, $12, $13, $14,"
                + " $15::timestamptz, $17, $16,"
                + " to_tsvector('simple', left($9 || ' ' || $16, 200000)), $18) returning id",
            emailId,
            blobKey,
            parsed.size(),
            clean(parsed.envelope()),
            clean(parsed.bodyStructure()),
            clean(parsed.body()),
            parts.encode(),
            clean(headerText),
            clean(parsed.subject()),
            clean(parsed.from()),
            clean(parsed.to()),
            clean(parsed.cc()),
            clean(parsed.bcc()),
            clean(parsed.messageId()),
            parsed.sentDate(),
            search,
            parsed.sentDate() == null ? 0 : parsed.sentDate().getOffset().getTotalSeconds() / 60,
            endsWithCrlf)
        .map(row -> row.orElseThrow().getLong(0));
  }

  /** Removes content rows no mailbox refers to any more; their blobs go to the sweeper. */
  public Uni<Void> deleteOrphans(Mutiny.Session session, List<Long> contentIds) {
    if (contentIds.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Sql.execute(
            session,
            "delete from content c where c.id = any($1::bigint[]) and not exists"
                + " (select 1 from mailbox_message m where m.content_id = c.id)",
            (Object) contentIds.toArray(Long[]::new))
        .replaceWithVoid();
  }

  /** Content ids an account refers to (before deleting it). */
  public Uni<List<Long>> ofAccount(Mutiny.Session session, long accountId) {
    return Sql.rows(
            session,
            "select distinct mm.content_id from mailbox_message mm"
                + " join mailbox m on m.id = mm.mailbox_id where m.account_id = $1",
            accountId)
        .map(MessageRows::longs);
  }

  /** Which of these blob keys content rows still refer to (the sweeper keeps those). */
  public Uni<List<String>> referencedBlobs(Mutiny.Session session, List<String> keys) {
    return Sql.rows(
            session,
            "select distinct blob_key from content where blob_key = any($1::text[])",
            (Object) keys.toArray(String[]::new))
        .map(rows -> rows.stream().map(r -> r.getString(0)).toList());
  }

  /** PostgreSQL text cannot hold NUL; mail sometimes does. */
  static String clean(String s) {
    return s == null ? "" : s.indexOf('\0') < 0 ? s : s.replace("\0", "");
  }
}
