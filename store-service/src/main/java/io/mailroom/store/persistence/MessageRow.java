package io.mailroom.store.persistence;

import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;

/** One message in a mailbox with its content's metadata (a join of mailbox_message and content). */
public record MessageRow(
    long uid,
    List<String> flags,
    long modseq,
    OffsetDateTime internalDate,
    int internalDateOffset,
    long contentId,
    String emailId,
    String blobKey,
    long size,
    String envelope,
    String bodyStructure,
    String body,
    JsonArray parts) {

  static final String COLUMNS =
      "mm.uid, mm.flags, mm.modseq, mm.internal_date, mm.internal_date_offset, mm.content_id,"
          + " c.email_id, c.blob_key, c.size, c.envelope, c.body_structure, c.body, c.parts";

  static MessageRow from(Row row) {
    String[] flags = row.getArrayOfStrings("flags");
    return new MessageRow(
        row.getLong("uid"),
        flags == null ? List.of() : List.of(flags),
        row.getLong("modseq"),
        row.getOffsetDateTime("internal_date"),
        row.getInteger("internal_date_offset"),
        row.getLong("content_id"),
        row.getString("email_id"),
        row.getString("blob_key"),
        row.getLong("size"),
        row.getString("envelope"),
        row.getString("body_structure"),
        row.getString("body"),
        (JsonArray) row.getValue("parts"));
  }
}
