package io.mailroom.filter.managesieve.wire;

import java.nio.charset.StandardCharsets;

/** One token of a ManageSieve command line. */
public sealed interface Argument {

  /** A bare word: the command name, or a number. */
  record Atom(String text) implements Argument {}

  /** A quoted string or a literal, as the octets the client sent. */
  record Str(byte[] octets) implements Argument {
    public String text() {
      return new String(octets, StandardCharsets.UTF_8);
    }
  }
}
