package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.mailroom.imap.command.MailboxName;
import io.mailroom.imap.response.ResponseLine;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;

/** LIST and LSUB, with the CHILDREN and SPECIAL-USE attributes the store computes. */
public final class ListHandler implements CommandHandler<Command.ListMailboxes> {
  @Override
  public Uni<Completion> handle(Command.ListMailboxes command, CommandContext ctx) {
    String kind = command.subscribedOnly() ? "LSUB" : "LIST";
    if (!command.subscribedOnly() && command.pattern().isEmpty()) {
      // LIST "" "": the hierarchy delimiter and root.
      ctx.out()
          .send(
              ResponseLine.untagged()
                  .sp()
                  .atom(kind)
                  .sp()
                  .atomList(List.of("\\Noselect"))
                  .sp()
                  .string("/")
                  .sp()
                  .string(""));
      return Uni.createFrom().item(Completion.ok("LIST completed"));
    }
    return ctx.store()
        .list(
            ctx.state().loggedInAccount().orElseThrow(),
            command.reference(),
            command.pattern(),
            command.subscribedOnly())
        .map(
            mailboxes -> {
              for (var entry : mailboxes.entries()) {
                ctx.out()
                    .send(
                        ResponseLine.untagged()
                            .sp()
                            .atom(kind)
                            .sp()
                            .atomList(attributes(entry.attributes()))
                            .sp()
                            .string(mailboxes.delimiter())
                            .sp()
                            .string(MailboxName.toImap(entry.name())));
              }
              return Completion.ok(kind + " completed");
            })
        .onFailure()
        .recoverWithItem(StoreErrors::completion);
  }

  /** \Subscribed and \NonExistent belong to LIST-EXTENDED, which we do not offer. */
  private static List<String> attributes(List<String> fromStore) {
    var result = new ArrayList<String>();
    for (String attribute : fromStore) {
      if (attribute.equalsIgnoreCase("\\Subscribed")) {
        continue;
      }
      String shown = attribute.equalsIgnoreCase("\\NonExistent") ? "\\Noselect" : attribute;
      if (!result.contains(shown)) {
        result.add(shown);
      }
    }
    return result;
  }
}
