package io.mailroom.filter.sieve.ext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** RFC 5232 flag lists: each string may hold several space-separated flags. */
public final class Flags {
  private Flags() {}

  /** Splits and de-duplicates (case-insensitively, as IMAP compares flags), keeping order. */
  public static List<String> parse(Collection<String> strings) {
    var flags = new ArrayList<String>();
    for (var string : strings) {
      for (var flag : string.trim().split("\\s+")) {
        if (!flag.isEmpty() && indexOf(flags, flag) < 0) {
          flags.add(flag);
        }
      }
    }
    return flags;
  }

  static int indexOf(List<String> flags, String flag) {
    for (int i = 0; i < flags.size(); i++) {
      if (flags.get(i).toLowerCase(Locale.ROOT).equals(flag.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    return -1;
  }
}
