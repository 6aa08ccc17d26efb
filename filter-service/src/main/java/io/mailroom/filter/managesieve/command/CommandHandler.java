package io.mailroom.filter.managesieve.command;

import io.mailroom.filter.managesieve.Reply;
import io.mailroom.filter.managesieve.Session;
import io.mailroom.filter.managesieve.wire.Argument;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** One ManageSieve command. Arguments exclude the command name. */
public interface CommandHandler {
  /** Whether the command is refused before AUTHENTICATE. */
  default boolean needsAuthentication() {
    return true;
  }

  Uni<Reply> handle(Session session, List<Argument> arguments);
}
