package io.mailroom.filter.managesieve.command;

import io.mailroom.filter.managesieve.Reply;
import io.mailroom.filter.managesieve.Session;
import io.mailroom.filter.managesieve.wire.Argument;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** NOOP [tag] (RFC 5804 2.13): the tag comes back in a TAG response code. */
public class NoopHandler implements CommandHandler {
  @Override
  public boolean needsAuthentication() {
    return false;
  }

  @Override
  public Uni<Reply> handle(Session session, List<Argument> arguments) {
    if (arguments.isEmpty()) {
      return Uni.createFrom().item(Reply.ok("Done"));
    }
    var tag = Arguments.strings(arguments, 1);
    if (tag.isEmpty()) {
      return Arguments.syntax("NOOP [tag]");
    }
    var reply = new Reply();
    reply.line("OK (TAG " + new Reply().string(tag.get().get(0)).asText() + ") \"Done\"");
    return Uni.createFrom().item(reply);
  }
}
