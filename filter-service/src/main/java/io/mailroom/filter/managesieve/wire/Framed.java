package io.mailroom.filter.managesieve.wire;

import java.util.List;

/** What the framer produced: a command, or a line it could not make sense of. */
public sealed interface Framed {
  record Command(List<Argument> arguments) implements Framed {
    public Command {
      arguments = List.copyOf(arguments);
    }
  }

  record Malformed(String reason) implements Framed {}

  /** A command whose literal was over the limit; its octets were skipped. */
  record TooLarge(int limit) implements Framed {}
}
