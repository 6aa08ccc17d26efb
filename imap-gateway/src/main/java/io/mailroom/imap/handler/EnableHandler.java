package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.smallrye.mutiny.Uni;

/** ENABLE: none of the extensions we offer needs enabling, so nothing is (RFC 5161 allows it). */
public final class EnableHandler implements CommandHandler<Command.Enable> {
  @Override
  public Uni<Completion> handle(Command.Enable command, CommandContext ctx) {
    ctx.out().untagged("ENABLED");
    return Uni.createFrom().item(Completion.ok("ENABLE completed"));
  }
}
