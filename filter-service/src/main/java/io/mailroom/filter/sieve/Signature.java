package io.mailroom.filter.sieve;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of one command or test, checked at compile time: which tags it takes (and which
 * extension each needs), its positional arguments, and whether it takes tests or a block.
 */
record Signature(
    String capability,
    Map<String, Tag> tags,
    List<Kind> positionals,
    Tests tests,
    boolean block,
    Set<String> requiredGroups) {

  enum Kind {
    STRING,
    STRING_LIST,
    NUMBER
  }

  enum Tests {
    NONE,
    ONE,
    LIST
  }

  /**
   * A tag; {@code value} is null for a plain tag. Tags in the same {@code group} exclude each other
   * (match types, address parts, body transforms).
   */
  record Tag(String capability, Kind value, String group) {}
}
