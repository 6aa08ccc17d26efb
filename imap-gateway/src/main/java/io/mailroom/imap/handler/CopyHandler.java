package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.mailroom.store.client.message.Copied;
import io.mailroom.store.client.message.UidSet;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** COPY, MOVE and their UID forms, with COPYUID (UIDPLUS). */
public final class CopyHandler implements CommandHandler<Command.Copy> {
  @Override
  public Uni<Completion> handle(Command.Copy command, CommandContext ctx) {
    var selected = SelectedCommand.selected(ctx);
    var mailbox = selected.mailbox();
    if (command.move() && mailbox.readOnly()) {
      return Uni.createFrom().item(Completion.no("CANNOT", "Mailbox is read-only"));
    }
    List<Long> uids = SelectedCommand.uids(mailbox, command.set(), command.uid());
    if (uids.isEmpty()) {
      return Uni.createFrom().item(Completion.ok(command.name() + " completed"));
    }
    return ctx.store()
        .copy(selected.account(), mailbox.ref(), UidSet.of(uids), command.mailbox(), command.move())
        .map(
            copied -> {
              ctx.markDirty();
              ctx.changed(copied.targetMailboxId());
              if (command.move()) {
                ctx.changed(mailbox.ref().mailboxId());
              }
              String code = copyUid(copied);
              if (!command.move()) {
                return Completion.ok(code, command.name() + " completed");
              }
              // RFC 6851: COPYUID goes in an untagged OK before the expunges.
              if (code != null) {
                ctx.out().untaggedStatus("OK", code, "Moved");
              }
              mailbox.expunged(copied.expunged().isEmpty() ? uids : copied.expunged());
              ctx.flushUpdates(true);
              return Completion.ok(command.name() + " completed");
            })
        .onFailure()
        .recoverWithItem(StoreErrors::completion);
  }

  static String copyUid(Copied copied) {
    if (copied.sourceUids().isEmpty()) {
      return null;
    }
    return "COPYUID "
        + copied.targetUidValidity()
        + " "
        + pairedRanges(copied.sourceUids(), copied.targetUids(), true)
        + " "
        + pairedRanges(copied.sourceUids(), copied.targetUids(), false);
  }

  /** Ranges only where both sides run consecutively, so the two sets stay in step. */
  static String pairedRanges(List<Long> sources, List<Long> targets, boolean source) {
    var sb = new StringBuilder();
    int i = 0;
    while (i < sources.size()) {
      int j = i;
      while (j + 1 < sources.size()
          && sources.get(j + 1) == sources.get(j) + 1
          && targets.get(j + 1) == targets.get(j) + 1) {
        j++;
      }
      List<Long> side = source ? sources : targets;
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(side.get(i));
      if (j > i) {
        sb.append(':').append(side.get(j));
      }
      i = j + 1;
    }
    return sb.toString();
  }
}
