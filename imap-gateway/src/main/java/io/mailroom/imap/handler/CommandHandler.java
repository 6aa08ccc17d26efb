package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.smallrye.mutiny.Uni;

/** Runs one kind of command; untagged responses go to the context, the tagged one is returned. */
public interface CommandHandler<C extends Command> {
  Uni<Completion> handle(C command, CommandContext ctx);
}
