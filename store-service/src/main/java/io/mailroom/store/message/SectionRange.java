package io.mailroom.store.message;

import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Where a section lies in the stored message, from the part offsets computed at ingest: FETCH reads
 * exactly these octets from S3 and nothing else.
 */
record SectionRange(long start, long end) {
  static final SectionRange EMPTY = new SectionRange(0, 0);

  long length() {
    return end - start;
  }

  static SectionRange of(JsonArray parts, long size, Section section) {
    JsonObject root = find(parts, "");
    long rootBody = root == null ? 0 : root.getLong("bodyStart");
    if (section.part().isEmpty()) {
      return switch (section.text()) {
        case WHOLE -> new SectionRange(0, size);
        case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT -> new SectionRange(0, rootBody);
        case TEXT -> new SectionRange(rootBody, size);
        case MIME -> throw new StoreFailure(Reason.BAD_REQUEST, "MIME needs a part number");
      };
    }
    JsonObject p = find(parts, section.part());
    if (p == null && section.part().equals("1") && parts.size() <= 1 && root != null) {
      p = root; // BODY[1] of a single-part message is its body (RFC 3501 6.4.5)
    }
    if (p == null) {
      return EMPTY;
    }
    long headerStart = p.getLong("headerStart");
    long bodyStart = p.getLong("bodyStart");
    long bodyEnd = p.getLong("bodyEnd");
    long messageHeaderEnd = p.getLong("messageHeaderEnd", -1L);
    return switch (section.text()) {
      case WHOLE -> new SectionRange(bodyStart, bodyEnd);
      case MIME ->
          p == root ? new SectionRange(0, rootBody) : new SectionRange(headerStart, bodyStart);
      case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT ->
          messageHeaderEnd < 0 ? EMPTY : new SectionRange(bodyStart, messageHeaderEnd);
      case TEXT -> messageHeaderEnd < 0 ? EMPTY : new SectionRange(messageHeaderEnd, bodyEnd);
    };
  }

  private static JsonObject find(JsonArray parts, String path) {
    if (parts == null) {
      return null;
    }
    for (int i = 0; i < parts.size(); i++) {
      JsonObject p = parts.getJsonObject(i);
      if (path.equals(p.getString("path"))) {
        return p;
      }
    }
    return null;
  }
}
