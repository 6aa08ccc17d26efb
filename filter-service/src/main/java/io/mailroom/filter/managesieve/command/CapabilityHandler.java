package io.mailroom.filter.managesieve.command;

import io.mailroom.filter.managesieve.Reply;
import io.mailroom.filter.managesieve.Session;
import io.mailroom.filter.managesieve.wire.Argument;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** CAPABILITY (RFC 5804 2.4). */
public class CapabilityHandler implements CommandHandler {
  @Override
  public boolean needsAuthentication() {
    return false;
  }

  @Override
  public Uni<Reply> handle(Session session, List<Argument> arguments) {
    return Uni.createFrom().item(session.capabilities().status("OK", null, "Capability completed"));
  }
}
