package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.mailroom.imap.session.SessionState;
import io.smallrye.mutiny.Uni;

public final class LogoutHandler implements CommandHandler<Command.Logout> {
  @Override
  public Uni<Completion> handle(Command.Logout command, CommandContext ctx) {
    ctx.state(new SessionState.Logout());
    ctx.out().bye("Logging out");
    return Uni.createFrom().item(Completion.ok("LOGOUT completed").then(Completion.After.CLOSE));
  }
}
