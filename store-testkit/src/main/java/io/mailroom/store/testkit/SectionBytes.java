package io.mailroom.store.testkit;

import io.mailroom.mime.HeaderFields;
import io.mailroom.mime.SectionLocator;
import io.mailroom.store.api.v1.BodySection;
import java.util.Arrays;

/**
 * The octets of a body section (RFC 3501 6.4.5), found from the part offsets mail-mime computed at
 * ingest, as the real store finds them: a part that does not exist is an empty section, and a
 * partial section is cut after HEADER.FIELDS filtering.
 */
final class SectionBytes {
  private static final String PART = "[1-9][0-9]{0,5}(\\.[1-9][0-9]{0,5}){0,50}";

  private SectionBytes() {}

  /** The whole section, before any partial cut. */
  static byte[] of(StoredMessage m, BodySection section) {
    String part = section.getPart();
    if (!part.isEmpty() && !part.matches(PART)) {
      throw StoreErrors.badRequest("bad section part");
    }
    SectionLocator.Kind kind =
        switch (section.getText()) {
          case SECTION_HEADER -> SectionLocator.Kind.HEADER;
          case SECTION_HEADER_FIELDS -> SectionLocator.Kind.HEADER_FIELDS;
          case SECTION_HEADER_FIELDS_NOT -> SectionLocator.Kind.HEADER_FIELDS_NOT;
          case SECTION_TEXT -> SectionLocator.Kind.TEXT;
          case SECTION_MIME -> SectionLocator.Kind.MIME;
          default -> SectionLocator.Kind.WHOLE;
        };
    if (part.isEmpty() && kind == SectionLocator.Kind.MIME) {
      throw StoreErrors.badRequest("MIME needs a part number");
    }
    byte[] bytes = m.sharedBytes();
    byte[] range =
        SectionLocator.locate(m.parsed().parts(), part, kind)
            .map(r -> Arrays.copyOfRange(bytes, (int) r.start(), (int) r.end()))
            .orElse(new byte[0]);
    return switch (kind) {
      case HEADER_FIELDS -> HeaderFields.filter(range, section.getHeaderFieldsList(), false);
      case HEADER_FIELDS_NOT -> HeaderFields.filter(range, section.getHeaderFieldsList(), true);
      default -> range;
    };
  }

  /** What a partial section (BODY[]<origin.length>) keeps of the whole: mail-mime's cut. */
  static byte[] partial(byte[] whole, BodySection section) {
    if (!section.getPartial()) {
      return whole;
    }
    var cut =
        new SectionLocator.ByteRange(0, whole.length)
            .partial(section.getPartialOffset(), section.getPartialLength());
    return Arrays.copyOfRange(whole, (int) cut.start(), (int) cut.end());
  }
}
