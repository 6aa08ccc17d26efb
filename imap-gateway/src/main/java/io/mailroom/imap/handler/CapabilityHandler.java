package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.smallrye.mutiny.Uni;

public final class CapabilityHandler implements CommandHandler<Command.Capability> {
  @Override
  public Uni<Completion> handle(Command.Capability command, CommandContext ctx) {
    ctx.out().untagged("CAPABILITY " + ctx.capabilities());
    return Uni.createFrom().item(Completion.ok("CAPABILITY completed"));
  }
}
