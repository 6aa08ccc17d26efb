package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.mailroom.store.client.message.UidSet;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;

/** EXPUNGE and UID EXPUNGE (UIDPLUS). */
public final class ExpungeHandler implements CommandHandler<Command.Expunge> {
  @Override
  public Uni<Completion> handle(Command.Expunge command, CommandContext ctx) {
    var selected = SelectedCommand.selected(ctx);
    var mailbox = selected.mailbox();
    if (mailbox.readOnly()) {
      return Uni.createFrom().item(Completion.no("READ-ONLY", "Mailbox is read-only"));
    }
    Optional<UidSet> uids = Optional.empty();
    if (command.uids().isPresent()) {
      List<Long> named = SelectedCommand.uids(mailbox, command.uids().get(), true);
      if (named.isEmpty()) {
        return Uni.createFrom().item(Completion.ok(command.name() + " completed"));
      }
      uids = Optional.of(UidSet.of(named));
    }
    return ctx.store()
        .expunge(selected.account(), mailbox.ref(), uids)
        .map(
            expunged -> {
              mailbox.expunged(expunged);
              if (!expunged.isEmpty()) {
                ctx.changed(mailbox.ref().mailboxId());
              }
              ctx.flushUpdates(true);
              return Completion.ok(command.name() + " completed");
            })
        .onFailure()
        .recoverWithItem(StoreErrors::completion);
  }
}
