package io.mailroom.imap.handler;

import io.mailroom.imap.command.SequenceSet;
import io.mailroom.imap.session.MessageSequence;
import io.mailroom.imap.session.SelectedMailbox;
import io.mailroom.imap.session.SessionState;
import java.util.List;

/** What every command in the Selected state starts from. */
final class SelectedCommand {
  private SelectedCommand() {}

  static SessionState.Selected selected(CommandContext ctx) {
    if (ctx.state() instanceof SessionState.Selected selected) {
      return selected;
    }
    throw new IllegalStateException("not in Selected state");
  }

  /**
   * The UIDs a command names, ascending, without messages already expunged elsewhere. A sequence
   * number beyond the mailbox is an error (answered BAD).
   */
  static List<Long> uids(SelectedMailbox mailbox, SequenceSet set, boolean uid) {
    MessageSequence sequence = mailbox.sequence();
    List<Long> uids;
    if (uid) {
      uids = sequence.uidsOfUidSet(set);
    } else if (sequence.size() == 0 && onlyStars(set)) {
      uids = List.of();
    } else {
      uids = sequence.uidsOfSequenceSet(set);
    }
    return uids.stream().filter(u -> !mailbox.isExpungePending(u)).toList();
  }

  private static boolean onlyStars(SequenceSet set) {
    return set.ranges().stream()
        .allMatch(r -> r.first() == SequenceSet.STAR || r.last() == SequenceSet.STAR);
  }
}
