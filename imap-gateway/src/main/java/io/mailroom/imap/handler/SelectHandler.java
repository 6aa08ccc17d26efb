package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.mailroom.imap.command.Flags;
import io.mailroom.imap.response.ResponseLine;
import io.mailroom.imap.session.SelectedMailbox;
import io.mailroom.imap.session.SessionState;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.mailbox.OpenedMailbox;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;

/** SELECT and EXAMINE (RFC 3501 6.3.1-2), with UIDPLUS/CONDSTORE-style response codes. */
public final class SelectHandler implements CommandHandler<Command.Select> {
  @Override
  public Uni<Completion> handle(Command.Select command, CommandContext ctx) {
    Login account = ctx.state().loggedInAccount().orElseThrow();
    if (ctx.state() instanceof SessionState.Selected) {
      // A failed SELECT must leave no mailbox selected, so deselect first.
      ctx.state(new SessionState.Authenticated(account));
      ctx.out().untaggedStatus("OK", "CLOSED", "Previous mailbox closed");
    }
    return ctx.store()
        .select(account, command.mailbox(), command.readOnly())
        .map(
            opened -> {
              var mailbox = new SelectedMailbox(opened);
              if (command.condstore()) {
                // Not selected yet, so no extra untagged HIGHESTMODSEQ: announce() sends it.
                ctx.enableCondstore();
              }
              announce(ctx, opened, mailbox);
              ctx.state(new SessionState.Selected(account, mailbox));
              boolean readOnly = command.readOnly() || opened.readOnly();
              return Completion.ok(
                  readOnly ? "READ-ONLY" : "READ-WRITE", command.name() + " completed");
            })
        .onFailure()
        .recoverWithItem(StoreErrors::completion);
  }

  private static void announce(CommandContext ctx, OpenedMailbox opened, SelectedMailbox mailbox) {
    var flags = new ArrayList<>(Flags.SYSTEM);
    opened.flags().stream()
        .filter(f -> !flags.contains(f) && !f.equals("\\Recent"))
        .forEach(flags::add);
    ctx.out().send(ResponseLine.untagged().sp().atom("FLAGS").sp().atomList(flags));
    List<String> permanent =
        opened.readOnly()
            ? List.of()
            : opened.permanentFlags().isEmpty() ? withStar(flags) : opened.permanentFlags();
    ctx.out()
        .send(
            ResponseLine.untagged()
                .sp()
                .atom("OK")
                .sp()
                .code("PERMANENTFLAGS " + atoms(permanent))
                .text("Flags permitted"));
    int count = mailbox.sequence().size();
    ctx.out().send(ResponseLine.untagged().sp().number(count).sp().atom("EXISTS"));
    ctx.out().send(ResponseLine.untagged().sp().number(mailbox.recentCount()).sp().atom("RECENT"));
    if (opened.firstUnseenUid() > 0) {
      int seq = mailbox.sequence().seqOf(opened.firstUnseenUid());
      if (seq > 0) {
        ctx.out().untaggedStatus("OK", "UNSEEN " + seq, "First unseen");
      }
    }
    ctx.out().untaggedStatus("OK", "UIDVALIDITY " + opened.ref().uidValidity(), "UIDs valid");
    ctx.out().untaggedStatus("OK", "UIDNEXT " + opened.uidNext(), "Predicted next UID");
    ctx.out().untaggedStatus("OK", "HIGHESTMODSEQ " + opened.highestModseq(), "Highest");
  }

  private static List<String> withStar(List<String> flags) {
    var result = new ArrayList<>(flags);
    result.add("\\*");
    return result;
  }

  private static String atoms(List<String> atoms) {
    return "(" + String.join(" ", atoms) + ")";
  }
}
