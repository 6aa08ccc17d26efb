package io.mailroom.store.message;

import io.mailroom.mime.PartOffsets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One message in a mailbox with the metadata of its content, as FETCH serves it.
 *
 * @param contentId the immutable content row, shared by copies
 * @param emailId the message's immutable id (POP3 UIDL, OBJECTID)
 * @param blobKey where its bytes are in the blob store (their sha-256)
 * @param parts the part offsets computed at ingest, as stored
 */
public record StoredMessage(
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

  /** The part offsets as mail-mime's {@link io.mailroom.mime.SectionLocator} reads them. */
  List<PartOffsets> partOffsets() {
    List<PartOffsets> offsets = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      JsonObject p = parts.getJsonObject(i);
      offsets.add(
          new PartOffsets(
              p.getString("path"),
              p.getLong("headerStart"),
              p.getLong("bodyStart"),
              p.getLong("bodyEnd"),
              p.getLong("messageHeaderEnd", -1L)));
    }
    return offsets;
  }
}
