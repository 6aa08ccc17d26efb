package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.smallrye.mutiny.Uni;

public final class CreateHandler implements CommandHandler<Command.Create> {
  @Override
  public Uni<Completion> handle(Command.Create command, CommandContext ctx) {
    String name = command.mailbox();
    // RFC 3501: a trailing delimiter only says the client means to create children under it.
    while (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty() || name.contains("//") || name.startsWith("/")) {
      return Uni.createFrom().item(Completion.no("CANNOT", "Invalid mailbox name"));
    }
    return ctx.store()
        .create(ctx.state().loggedInAccount().orElseThrow(), name, command.specialUse())
        .replaceWith(Completion.ok("CREATE completed"))
        .onFailure()
        .recoverWithItem(StoreErrors::completion);
  }
}
