package io.mailroom.imap.response;

import io.mailroom.imap.session.MailboxUpdate;
import java.util.List;

/** Writes unsolicited mailbox news: EXPUNGE, EXISTS, RECENT, FETCH (FLAGS). */
public final class UpdateWriter {
  private UpdateWriter() {}

  public static void write(ResponseWriter out, List<MailboxUpdate> updates, boolean withUid) {
    for (MailboxUpdate update : updates) {
      if (update instanceof MailboxUpdate.Expunge e) {
        out.send(ResponseLine.untagged().sp().number(e.seq()).sp().atom("EXPUNGE"));
      } else if (update instanceof MailboxUpdate.Exists e) {
        out.send(ResponseLine.untagged().sp().number(e.count()).sp().atom("EXISTS"));
      } else if (update instanceof MailboxUpdate.Recent r) {
        out.send(ResponseLine.untagged().sp().number(r.count()).sp().atom("RECENT"));
      } else if (update instanceof MailboxUpdate.FlagsChanged f) {
        flags(out, f.seq(), f.uid(), f.flags(), withUid);
      }
    }
  }

  /** "* n FETCH (FLAGS (...))", with the UID for UID commands. */
  public static void flags(
      ResponseWriter out, int seq, long uid, List<String> flags, boolean withUid) {
    var line = ResponseLine.untagged().sp().number(seq).sp().atom("FETCH").sp().open();
    if (withUid) {
      line.atom("UID").sp().number(uid).sp();
    }
    out.send(line.atom("FLAGS").sp().atomList(flags).close());
  }
}
