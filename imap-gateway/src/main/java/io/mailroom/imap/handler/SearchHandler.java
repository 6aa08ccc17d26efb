package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.mailroom.imap.command.SearchKey;
import io.mailroom.imap.command.SequenceSet;
import io.mailroom.imap.session.SelectedMailbox;
import io.mailroom.store.client.message.Query;
import io.mailroom.store.client.message.UidSet;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;

/**
 * SEARCH and UID SEARCH. Sequence numbers and \Recent only mean something in this session, so they
 * become UID sets here; the store answers the rest.
 */
public final class SearchHandler implements CommandHandler<Command.Search> {
  @Override
  public Uni<Completion> handle(Command.Search command, CommandContext ctx) {
    var selected = SelectedCommand.selected(ctx);
    var mailbox = selected.mailbox();
    Query query = query(command.key(), mailbox);
    boolean byModseq = mentionsModseq(command.key());
    if (byModseq) {
      ctx.enableCondstore(); // CONDSTORE-enabling (RFC 7162 3.1)
    }
    return ctx.store()
        .search(selected.account(), mailbox.ref(), query)
        .map(
            found -> {
              var line = new StringBuilder("SEARCH");
              boolean any = false;
              for (long uid : found.uids()) {
                int seq = mailbox.sequence().seqOf(uid);
                if (seq > 0) {
                  line.append(' ').append(command.uid() ? uid : seq);
                  any = true;
                }
              }
              if (byModseq && any) {
                // RFC 7162 3.1.5: the highest MODSEQ of the messages found.
                line.append(" (MODSEQ ").append(found.highestModseq()).append(')');
              }
              ctx.out().untagged(line.toString());
              return Completion.ok(command.name() + " completed");
            })
        .onFailure()
        .recoverWithItem(StoreErrors::completion);
  }

  static boolean mentionsModseq(SearchKey key) {
    if (key instanceof SearchKey.ModSeq) {
      return true;
    } else if (key instanceof SearchKey.Not n) {
      return mentionsModseq(n.key());
    } else if (key instanceof SearchKey.Or o) {
      return mentionsModseq(o.left()) || mentionsModseq(o.right());
    } else if (key instanceof SearchKey.And a) {
      return a.keys().stream().anyMatch(SearchHandler::mentionsModseq);
    }
    return false;
  }

  static Query query(SearchKey key, SelectedMailbox mailbox) {
    if (key instanceof SearchKey.All) {
      return new Query.All();
    } else if (key instanceof SearchKey.Flag f) {
      return new Query.Flag(f.flag(), f.set());
    } else if (key instanceof SearchKey.Recent r) {
      var recent = new ArrayList<Long>();
      for (int seq = 1; seq <= mailbox.sequence().size(); seq++) {
        long uid = mailbox.sequence().uidAt(seq);
        if (mailbox.isRecent(uid)) {
          recent.add(uid);
        }
      }
      Query uids = uids(recent);
      return r.recent() ? uids : new Query.Not(uids);
    } else if (key instanceof SearchKey.Date d) {
      Query.DateKind kind =
          switch (d.field()) {
            case INTERNAL ->
                switch (d.relation()) {
                  case BEFORE -> Query.DateKind.BEFORE;
                  case ON -> Query.DateKind.ON;
                  case SINCE -> Query.DateKind.SINCE;
                };
            case SENT ->
                switch (d.relation()) {
                  case BEFORE -> Query.DateKind.SENT_BEFORE;
                  case ON -> Query.DateKind.SENT_ON;
                  case SINCE -> Query.DateKind.SENT_SINCE;
                };
          };
      return new Query.Date(kind, d.date().toEpochDay());
    } else if (key instanceof SearchKey.Size s) {
      return new Query.Size(s.larger(), s.octets());
    } else if (key instanceof SearchKey.Header h) {
      return new Query.Header(h.field(), h.text());
    } else if (key instanceof SearchKey.Body b) {
      return new Query.Body(b.text());
    } else if (key instanceof SearchKey.Text t) {
      return new Query.Text(t.text());
    } else if (key instanceof SearchKey.Uids u) {
      return uids(mailbox.sequence().uidsOfUidSet(u.set()));
    } else if (key instanceof SearchKey.Sequence s) {
      return uids(lenientSequence(mailbox, s.set()));
    } else if (key instanceof SearchKey.ModSeq m) {
      return new Query.ModSeq(m.modseq());
    } else if (key instanceof SearchKey.Not n) {
      return new Query.Not(query(n.key(), mailbox));
    } else if (key instanceof SearchKey.Or o) {
      return new Query.Or(query(o.left(), mailbox), query(o.right(), mailbox));
    } else if (key instanceof SearchKey.And a) {
      return new Query.And(a.keys().stream().map(k -> query(k, mailbox)).toList());
    }
    throw new IllegalArgumentException("unknown search key " + key);
  }

  /** In SEARCH, numbers beyond the mailbox simply match nothing (as Dovecot does). */
  private static List<Long> lenientSequence(SelectedMailbox mailbox, SequenceSet set) {
    var uids = new java.util.TreeSet<Long>();
    int size = mailbox.sequence().size();
    for (var range : set.ranges()) {
      long low = Math.max(1, range.low(size));
      long high = Math.min(size, range.high(size));
      for (long seq = low; seq <= high; seq++) {
        uids.add(mailbox.sequence().uidAt((int) seq));
      }
    }
    return new ArrayList<>(uids);
  }

  private static Query uids(List<Long> uids) {
    return uids.isEmpty() ? new Query.None() : new Query.Uids(UidSet.of(uids));
  }
}
