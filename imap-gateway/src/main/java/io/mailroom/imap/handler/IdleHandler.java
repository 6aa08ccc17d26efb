package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.smallrye.mutiny.Uni;

/** IDLE (RFC 2177): news is pushed until the client sends DONE. */
public final class IdleHandler implements CommandHandler<Command.Idle> {
  @Override
  public Uni<Completion> handle(Command.Idle command, CommandContext ctx) {
    ctx.out().continuation("idling");
    ctx.idling(true);
    return ctx.refresh(true)
        .chain(ctx::nextLine)
        .map(
            line -> {
              ctx.idling(false);
              return line.firstLine().trim().equalsIgnoreCase("DONE")
                  ? Completion.ok("IDLE terminated")
                  : Completion.bad("Expected DONE");
            })
        .onTermination()
        .invoke(() -> ctx.idling(false));
  }
}
