package io.mailroom.store.persistence;

import io.vertx.core.json.JsonArray;
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
      "mm.uid, array_to_string(mm.flags, ' '), mm.modseq, mm.internal_date,"
          + " mm.internal_date_offset, mm.content_id, c.email_id, c.blob_key, c.size, c.envelope,"
          + " c.body_structure, c.body, c.parts::text";

  static MessageRow from(SqlRow row) {
    return new MessageRow(
        row.getLong(0),
        row.getWords(1),
        row.getLong(2),
        row.getOffsetDateTime(3),
        row.getInt(4),
        row.getLong(5),
        row.getString(6),
        row.getString(7),
        row.getLong(8),
        row.getString(9),
        row.getString(10),
        row.getString(11),
        new JsonArray(row.getString(12)));
  }
}
