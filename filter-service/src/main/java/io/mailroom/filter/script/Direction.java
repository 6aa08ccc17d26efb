package io.mailroom.filter.script;

import java.util.Locale;
import java.util.Optional;

/** Which mail a script filters: delivered to INBOX, or appended to the Sent mailbox. */
public enum Direction {
  INCOMING,
  OUTGOING;

  public static Optional<Direction> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "incoming" -> Optional.of(INCOMING);
      case "outgoing" -> Optional.of(OUTGOING);
      default -> Optional.empty();
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
