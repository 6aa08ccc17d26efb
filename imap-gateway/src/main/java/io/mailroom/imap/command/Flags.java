package io.mailroom.imap.command;

import java.util.List;
import java.util.Locale;

/** System flags in their canonical spelling; keywords are kept as sent. */
public final class Flags {
  private Flags() {}

  public static final List<String> SYSTEM =
      List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft");

  public static String canonical(String flag) {
    if (!flag.startsWith("\\")) {
      return flag;
    }
    for (String system : SYSTEM) {
      if (system.equalsIgnoreCase(flag)) {
        return system;
      }
    }
    if (flag.equalsIgnoreCase("\\Recent")) {
      return "\\Recent";
    }
    return "\\" + flag.substring(1, 2).toUpperCase(Locale.ROOT) + flag.substring(2);
  }
}
