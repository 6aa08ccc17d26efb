package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.mailroom.imap.command.MailboxName;
import io.mailroom.imap.response.ResponseLine;
import io.smallrye.mutiny.Uni;
import java.util.List;

public final class StatusHandler implements CommandHandler<Command.Status> {
  @Override
  public Uni<Completion> handle(Command.Status command, CommandContext ctx) {
    if (command.items().contains(Command.StatusItem.HIGHESTMODSEQ)) {
      ctx.enableCondstore(); // a CONDSTORE-enabling command (RFC 7162 3.1)
    }
    return ctx.store()
        .status(ctx.state().loggedInAccount().orElseThrow(), List.of(command.mailbox()))
        .map(
            statuses -> {
              if (statuses.isEmpty()) {
                return Completion.no("NONEXISTENT", "Mailbox doesn't exist");
              }
              var s = statuses.get(0);
              var line =
                  ResponseLine.untagged()
                      .sp()
                      .atom("STATUS")
                      .sp()
                      .string(MailboxName.toImap(command.mailbox()))
                      .sp()
                      .open();
              boolean first = true;
              for (var item : command.items()) {
                if (!first) {
                  line.sp();
                }
                first = false;
                long value =
                    switch (item) {
                      case MESSAGES -> s.messages();
                      case RECENT -> s.recent();
                      case UIDNEXT -> s.uidNext();
                      case UIDVALIDITY -> s.uidValidity();
                      case UNSEEN -> s.unseen();
                      case HIGHESTMODSEQ -> s.highestModseq();
                      case SIZE -> s.size();
                    };
                line.atom(item.name()).sp().number(value);
              }
              ctx.out().send(line.close());
              return Completion.ok("STATUS completed");
            })
        .onFailure()
        .recoverWithItem(StoreErrors::completion);
  }
}
