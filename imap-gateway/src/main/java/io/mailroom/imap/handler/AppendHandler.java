package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.smallrye.mutiny.Uni;

/** APPEND: the message was streamed to the store as it arrived; here its outcome is reported. */
public final class AppendHandler implements CommandHandler<Command.Append> {
  @Override
  public Uni<Completion> handle(Command.Append command, CommandContext ctx) {
    var pending = ctx.takeAppend();
    if (pending.isEmpty()) {
      return Uni.createFrom().item(Completion.bad("APPEND needs a message literal"));
    }
    return pending
        .get()
        .map(
            appended -> {
              ctx.markDirty();
              ctx.changed(appended.mailboxId());
              return Completion.ok(
                  "APPENDUID " + appended.uidValidity() + " " + appended.uid(), "APPEND completed");
            })
        .onFailure()
        .recoverWithItem(StoreErrors::completion);
  }
}
