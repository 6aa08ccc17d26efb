package io.mailroom.mime;

import java.util.ArrayList;
import java.util.List;

/** One MIME entity found by the {@link StructureScanner}: where it lies and what it is. */
final class Entity {
  enum Kind {
    LEAF,
    MULTIPART,
    MESSAGE
  }

  long headerStart;
  long bodyStart;
  long bodyEnd;
  long lines;
  long lfAtBodyStart;
  Kind kind = Kind.LEAF;
  ContentHeaders content = ContentHeaders.DEFAULT;

  /** Set on a message (the top level or the one a message/rfc822 part holds). */
  Envelope envelope;

  final List<Entity> children = new ArrayList<>();

  /** The message inside a message/rfc822 part. */
  Entity message;
}
