package io.mailroom.filter.managesieve.command;

import io.mailroom.filter.managesieve.Reply;
import io.mailroom.filter.managesieve.Session;
import io.mailroom.filter.managesieve.wire.Argument;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** STARTTLS (RFC 5804 2.2); the capabilities are sent again once TLS is up. */
public class StartTlsHandler implements CommandHandler {
  @Override
  public boolean needsAuthentication() {
    return false;
  }

  @Override
  public Uni<Reply> handle(Session session, List<Argument> arguments) {
    if (session.tls()) {
      return Uni.createFrom().item(Reply.no("TLS is already active"));
    }
    if (!session.tlsAvailable()) {
      return Uni.createFrom().item(Reply.no("STARTTLS is not configured on this server"));
    }
    if (session.username() != null) {
      return Uni.createFrom().item(Reply.no("STARTTLS is only allowed before AUTHENTICATE"));
    }
    return Uni.createFrom().item(Reply.ok("Begin TLS negotiation now").thenStartTls());
  }
}
