package io.mailroom.store.testkit;

import io.grpc.Status;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.SectionText;
import java.util.Arrays;

/**
 * The bytes of BODY[], BODY[HEADER] and BODY[TEXT] of a message: the header ends with the first
 * empty line (included); a message without one is all header. Parts and header-field sections are
 * the real store's MIME parser's business, not a test kit's: UNIMPLEMENTED here.
 */
final class SectionBytes {
  private SectionBytes() {}

  static byte[] of(byte[] message, BodySection section) {
    if (!section.getPart().isEmpty()) {
      throw Status.UNIMPLEMENTED.withDescription("body parts").asRuntimeException();
    }
    int split = headerEnd(message);
    return switch (section.getText()) {
      case SECTION_HEADER -> Arrays.copyOfRange(message, 0, split);
      case SECTION_TEXT -> Arrays.copyOfRange(message, split, message.length);
      case SECTION_TEXT_UNSPECIFIED -> message.clone();
      default ->
          throw Status.UNIMPLEMENTED
              .withDescription("section " + section.getText())
              .asRuntimeException();
    };
  }

  private static int headerEnd(byte[] message) {
    if (message.length >= 2 && message[0] == '\r' && message[1] == '\n') {
      return 2; // no header fields at all: the empty line comes first
    }
    for (int i = 0; i + 3 < message.length; i++) {
      if (message[i] == '\r'
          && message[i + 1] == '\n'
          && message[i + 2] == '\r'
          && message[i + 3] == '\n') {
        return i + 4;
      }
    }
    return message.length;
  }

  static boolean isWhole(BodySection section) {
    return section.getPart().isEmpty() && section.getText() == SectionText.SECTION_TEXT_UNSPECIFIED;
  }
}
