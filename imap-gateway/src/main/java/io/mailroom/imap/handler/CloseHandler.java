package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.mailroom.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import java.util.Optional;

/** CLOSE expunges silently (unless read-only); UNSELECT just leaves. */
public final class CloseHandler implements CommandHandler<Command> {
  @Override
  public Uni<Completion> handle(Command command, CommandContext ctx) {
    var selected = SelectedCommand.selected(ctx);
    ctx.state(new SessionState.Authenticated(selected.account()));
    if (command instanceof Command.Unselect || selected.mailbox().readOnly()) {
      return Uni.createFrom().item(Completion.ok(command.name() + " completed"));
    }
    return ctx.store()
        .expunge(selected.account(), selected.mailbox().ref(), Optional.empty())
        .map(
            expunged -> {
              if (!expunged.isEmpty()) {
                ctx.changed(selected.mailbox().ref().mailboxId());
              }
              return Completion.ok("CLOSE completed");
            })
        .onFailure()
        .recoverWithItem(StoreErrors::completion);
  }
}
