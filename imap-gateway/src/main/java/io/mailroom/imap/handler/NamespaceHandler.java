package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.smallrye.mutiny.Uni;

/** One personal namespace with "/" as delimiter; no shared or other users' folders. */
public final class NamespaceHandler implements CommandHandler<Command.Namespace> {
  @Override
  public Uni<Completion> handle(Command.Namespace command, CommandContext ctx) {
    ctx.out().untagged("NAMESPACE ((\"\" \"/\")) NIL NIL");
    return Uni.createFrom().item(Completion.ok("NAMESPACE completed"));
  }
}
