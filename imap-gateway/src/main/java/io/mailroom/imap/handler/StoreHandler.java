package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.mailroom.imap.response.UpdateWriter;
import io.mailroom.imap.session.SelectedMailbox;
import io.mailroom.store.client.mailbox.MessageState;
import io.mailroom.store.client.message.FlagChange;
import io.mailroom.store.client.message.FlagsStored;
import io.mailroom.store.client.message.UidSet;
import io.smallrye.mutiny.Uni;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * STORE and UID STORE: +FLAGS, -FLAGS, FLAGS, each optionally .SILENT, optionally conditional
 * (UNCHANGEDSINCE, RFC 7162 3.1.3: messages changed since are left alone and named in [MODIFIED]).
 */
public final class StoreHandler implements CommandHandler<Command.Store> {
  @Override
  public Uni<Completion> handle(Command.Store command, CommandContext ctx) {
    var selected = SelectedCommand.selected(ctx);
    var mailbox = selected.mailbox();
    if (mailbox.readOnly()) {
      return Uni.createFrom().item(Completion.no("READ-ONLY", "Mailbox is read-only"));
    }
    if (command.unchangedSince().isPresent()) {
      ctx.enableCondstore();
    }
    List<Long> uids = SelectedCommand.uids(mailbox, command.set(), command.uid());
    if (uids.isEmpty()) {
      return Uni.createFrom().item(Completion.ok(command.name() + " completed"));
    }
    if (command.unchangedSince().orElse(-1) == 0) {
      // Every message has a MODSEQ above 0, so all fail; the store reads 0 as "unconditional".
      return Uni.createFrom().item(modified(command, mailbox, uids));
    }
    FlagChange change =
        switch (command.mode()) {
          case ADD -> FlagChange.ADD;
          case REMOVE -> FlagChange.REMOVE;
          case REPLACE -> FlagChange.REPLACE;
        };
    return ctx.store()
        .storeFlags(
            selected.account(),
            mailbox.ref(),
            UidSet.of(uids),
            change,
            command.flags(),
            command.unchangedSince().orElse(0))
        .map(stored -> stored(command, ctx, mailbox, uids, stored))
        .onFailure()
        .recoverWithItem(StoreErrors::completion);
  }

  private static Completion stored(
      Command.Store command,
      CommandContext ctx,
      SelectedMailbox mailbox,
      List<Long> uids,
      FlagsStored stored) {
    Set<Long> updated = new HashSet<>();
    for (MessageState state : stored.updated()) {
      mailbox.flagsSeen(state.uid(), state.flags());
      mailbox.modseqSeen(state.uid(), state.modseq());
      updated.add(state.uid());
    }
    if (!updated.isEmpty()) {
      ctx.changed(mailbox.ref().mailboxId());
    }
    Set<Long> modified = new HashSet<>(stored.modified());
    boolean condstore = ctx.condstore();
    for (long uid : uids) {
      int seq = mailbox.sequence().seqOf(uid);
      if (seq == 0 || modified.contains(uid)) {
        continue;
      }
      long modseq = condstore ? mailbox.modseqOf(uid) : 0;
      if (!command.silent()) {
        UpdateWriter.flags(ctx.out(), seq, uid, mailbox.flagsOf(uid), command.uid(), modseq);
      } else if (condstore && updated.contains(uid)) {
        // RFC 7162 3.1.3: even .SILENT reports the new MODSEQ of what changed.
        UpdateWriter.flags(ctx.out(), seq, uid, null, command.uid(), modseq);
      }
    }
    if (modified.isEmpty()) {
      return Completion.ok(command.name() + " completed");
    }
    return modified(command, mailbox, uids.stream().filter(modified::contains).toList());
  }

  /** OK [MODIFIED set]: sequence numbers for STORE, UIDs for UID STORE. */
  private static Completion modified(
      Command.Store command, SelectedMailbox mailbox, List<Long> uids) {
    var numbers =
        uids.stream()
            .map(uid -> command.uid() ? uid : (long) mailbox.sequence().seqOf(uid))
            .filter(n -> n > 0)
            .sorted()
            .toList();
    return Completion.ok(
        "MODIFIED " + ranges(numbers), "Conditional " + command.name() + " failed");
  }

  /** "1:3,7" of ascending numbers. */
  static String ranges(List<Long> numbers) {
    var sb = new StringBuilder();
    int i = 0;
    while (i < numbers.size()) {
      int j = i;
      while (j + 1 < numbers.size() && numbers.get(j + 1) == numbers.get(j) + 1) {
        j++;
      }
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(numbers.get(i));
      if (j > i) {
        sb.append(':').append(numbers.get(j));
      }
      i = j + 1;
    }
    return sb.toString();
  }
}
