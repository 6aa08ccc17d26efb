package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.smallrye.mutiny.Uni;

public final class RenameHandler implements CommandHandler<Command.Rename> {
  @Override
  public Uni<Completion> handle(Command.Rename command, CommandContext ctx) {
    return ctx.store()
        .rename(ctx.state().loggedInAccount().orElseThrow(), command.from(), command.to())
        .replaceWith(Completion.ok("RENAME completed"))
        .onFailure()
        .recoverWithItem(StoreErrors::completion);
  }
}
