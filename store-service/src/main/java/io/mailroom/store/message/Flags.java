package io.mailroom.store.message;

import io.mailroom.store.StoreFailure;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A message's flags as stored: system flags spelled canonically, keywords as given, sorted and
 * without duplicates (so that SQL can compare arrays). \Recent is per session and never stored.
 */
public record Flags(List<String> values) {
  public static final List<String> SYSTEM =
      List.of("\\Answered", "\\Deleted", "\\Draft", "\\Flagged", "\\Seen");
  private static final Map<String, String> CANONICAL =
      Map.of(
          "\\answered", "\\Answered",
          "\\deleted", "\\Deleted",
          "\\draft", "\\Draft",
          "\\flagged", "\\Flagged",
          "\\seen", "\\Seen");
  private static final int MAX_FLAGS = 100;
  private static final int MAX_FLAG_LENGTH = 200;

  public Flags {
    values = List.copyOf(values);
  }

  public static Flags of(Collection<String> given) {
    if (given.size() > MAX_FLAGS) {
      throw new StoreFailure(StoreFailure.Reason.BAD_REQUEST, "too many flags");
    }
    TreeSet<String> sorted = new TreeSet<>();
    for (String flag : given) {
      if (flag.isEmpty()
          || flag.length() > MAX_FLAG_LENGTH
          || flag.chars().anyMatch(c -> c <= 0x20)) {
        throw new StoreFailure(StoreFailure.Reason.BAD_REQUEST, "bad flag");
      }
      if (flag.equalsIgnoreCase("\\Recent")) {
        continue;
      }
      sorted.add(flag.startsWith("\\") ? CANONICAL.getOrDefault(flag.toLowerCase(), flag) : flag);
    }
    return new Flags(List.copyOf(sorted));
  }

  public String[] toArray() {
    return values.toArray(String[]::new);
  }
}
