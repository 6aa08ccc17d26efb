package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.smallrye.mutiny.Uni;

/** NOOP and CHECK: the points where a client polls for news, expunges included. */
public final class NoopHandler implements CommandHandler<Command> {
  @Override
  public Uni<Completion> handle(Command command, CommandContext ctx) {
    return ctx.refresh(true).replaceWith(Completion.ok(command.name() + " completed"));
  }
}
