package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.mailroom.imap.response.UpdateWriter;
import io.mailroom.imap.store.MailStore.FlagChange;
import io.mailroom.imap.store.UidSet;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** STORE and UID STORE: +FLAGS, -FLAGS, FLAGS, each optionally .SILENT. */
public final class StoreHandler implements CommandHandler<Command.Store> {
  @Override
  public Uni<Completion> handle(Command.Store command, CommandContext ctx) {
    var selected = SelectedCommand.selected(ctx);
    var mailbox = selected.mailbox();
    if (mailbox.readOnly()) {
      return Uni.createFrom().item(Completion.no("READ-ONLY", "Mailbox is read-only"));
    }
    List<Long> uids = SelectedCommand.uids(mailbox, command.set(), command.uid());
    if (uids.isEmpty()) {
      return Uni.createFrom().item(Completion.ok(command.name() + " completed"));
    }
    FlagChange change =
        switch (command.mode()) {
          case ADD -> FlagChange.ADD;
          case REMOVE -> FlagChange.REMOVE;
          case REPLACE -> FlagChange.REPLACE;
        };
    return ctx.store()
        .storeFlags(selected.account(), mailbox.ref(), UidSet.of(uids), change, command.flags())
        .map(
            stored -> {
              stored.updated().forEach(state -> mailbox.flagsSeen(state.uid(), state.flags()));
              if (!stored.updated().isEmpty()) {
                ctx.changed(mailbox.ref().mailboxId());
              }
              if (!command.silent()) {
                for (long uid : uids) {
                  int seq = mailbox.sequence().seqOf(uid);
                  if (seq > 0) {
                    UpdateWriter.flags(ctx.out(), seq, uid, mailbox.flagsOf(uid), command.uid());
                  }
                }
              }
              return Completion.ok(command.name() + " completed");
            })
        .onFailure()
        .recoverWithItem(StoreErrors::completion);
  }
}
