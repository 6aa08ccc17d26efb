package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.mailroom.imap.response.ResponseLine;
import io.smallrye.mutiny.Uni;

/** RFC 2971: we say who we are; what the client says is not logged beyond debug. */
public final class IdHandler implements CommandHandler<Command.Id> {
  @Override
  public Uni<Completion> handle(Command.Id command, CommandContext ctx) {
    ctx.out()
        .send(
            ResponseLine.untagged()
                .sp()
                .atom("ID")
                .sp()
                .open()
                .string("name")
                .sp()
                .string("Mailroom")
                .sp()
                .string("vendor")
                .sp()
                .string("Mailroom")
                .close());
    return Uni.createFrom().item(Completion.ok("ID completed"));
  }
}
