package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.smallrye.mutiny.Uni;

public final class DeleteHandler implements CommandHandler<Command.Delete> {
  @Override
  public Uni<Completion> handle(Command.Delete command, CommandContext ctx) {
    if (command.mailbox().equals("INBOX")) {
      return Uni.createFrom().item(Completion.no("CANNOT", "INBOX can't be deleted"));
    }
    return ctx.store()
        .delete(ctx.state().loggedInAccount().orElseThrow(), command.mailbox())
        .replaceWith(Completion.ok("DELETE completed"))
        .onFailure()
        .recoverWithItem(StoreErrors::completion);
  }
}
