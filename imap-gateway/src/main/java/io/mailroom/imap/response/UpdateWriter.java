package io.mailroom.imap.response;

import io.mailroom.imap.session.MailboxUpdate;
import java.util.List;

/** Writes unsolicited mailbox news: EXPUNGE, EXISTS, RECENT, FETCH (FLAGS). */
public final class UpdateWriter {
  private UpdateWriter() {}

  /**
   * @param condstore CONDSTORE is enabled: flag changes carry UID and MODSEQ (RFC 7162 3.1)
   */
  public static void write(
      ResponseWriter out, List<MailboxUpdate> updates, boolean withUid, boolean condstore) {
    for (MailboxUpdate update : updates) {
      if (update instanceof MailboxUpdate.Expunge e) {
        out.send(ResponseLine.untagged().sp().number(e.seq()).sp().atom("EXPUNGE"));
      } else if (update instanceof MailboxUpdate.Exists e) {
        out.send(ResponseLine.untagged().sp().number(e.count()).sp().atom("EXISTS"));
      } else if (update instanceof MailboxUpdate.Recent r) {
        out.send(ResponseLine.untagged().sp().number(r.count()).sp().atom("RECENT"));
      } else if (update instanceof MailboxUpdate.FlagsChanged f) {
        flags(out, f.seq(), f.uid(), f.flags(), withUid || condstore, condstore ? f.modseq() : 0);
      }
    }
  }

  /** "* n FETCH (FLAGS (...))", with the UID for UID commands. */
  public static void flags(
      ResponseWriter out, int seq, long uid, List<String> flags, boolean withUid) {
    flags(out, seq, uid, flags, withUid, 0);
  }

  /**
   * "* n FETCH ([UID u ]FLAGS (...)[ MODSEQ (m)])"; {@code flags} null leaves FLAGS out (a .SILENT
   * STORE under CONDSTORE still reports the new MODSEQ), {@code modseq} 0 leaves MODSEQ out.
   */
  public static void flags(
      ResponseWriter out, int seq, long uid, List<String> flags, boolean withUid, long modseq) {
    var line = ResponseLine.untagged().sp().number(seq).sp().atom("FETCH").sp().open();
    boolean first = true;
    if (withUid) {
      line.atom("UID").sp().number(uid);
      first = false;
    }
    if (flags != null) {
      if (!first) {
        line.sp();
      }
      line.atom("FLAGS").sp().atomList(flags);
      first = false;
    }
    if (modseq > 0) {
      if (!first) {
        line.sp();
      }
      line.atom("MODSEQ").sp().open().number(modseq).close();
    }
    out.send(line.close());
  }
}
