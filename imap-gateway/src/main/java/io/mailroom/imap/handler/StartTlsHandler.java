package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.smallrye.mutiny.Uni;

public final class StartTlsHandler implements CommandHandler<Command.StartTls> {
  @Override
  public Uni<Completion> handle(Command.StartTls command, CommandContext ctx) {
    if (ctx.tlsActive()) {
      return Uni.createFrom().item(Completion.bad("TLS is already active"));
    }
    if (!ctx.tlsAvailable()) {
      return Uni.createFrom().item(Completion.no(null, "TLS is not configured"));
    }
    return Uni.createFrom()
        .item(Completion.ok("Begin TLS negotiation now").then(Completion.After.START_TLS));
  }
}
