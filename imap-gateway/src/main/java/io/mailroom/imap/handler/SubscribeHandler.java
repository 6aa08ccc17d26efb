package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.smallrye.mutiny.Uni;

/** SUBSCRIBE and UNSUBSCRIBE. */
public final class SubscribeHandler implements CommandHandler<Command.Subscribe> {
  @Override
  public Uni<Completion> handle(Command.Subscribe command, CommandContext ctx) {
    return ctx.store()
        .subscribe(
            ctx.state().loggedInAccount().orElseThrow(), command.mailbox(), command.subscribe())
        .replaceWith(Completion.ok(command.name() + " completed"))
        .onFailure()
        .recoverWithItem(StoreErrors::completion);
  }
}
