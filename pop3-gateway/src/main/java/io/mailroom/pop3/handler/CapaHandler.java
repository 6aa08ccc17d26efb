package io.mailroom.pop3.handler;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.session.Session;
import io.mailroom.pop3.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;

/**
 * RFC 2449 CAPA. Login capabilities are listed only where a login could succeed: not after login,
 * and not before TLS when TLS is required (RFC 2595 section 4).
 */
@ApplicationScoped
public class CapaHandler implements Handler<Command.Capa> {
  @Override
  public Uni<Outcome> handle(Command.Capa command, Session session) {
    var lines = new ArrayList<String>();
    lines.add("TOP");
    lines.add("UIDL");
    boolean beforeLogin = !(session.state() instanceof SessionState.Transaction);
    if (beforeLogin && !session.tlsRequiredButAbsent()) {
      lines.add("USER");
      lines.add("SASL PLAIN");
    }
    lines.add("RESP-CODES");
    lines.add("AUTH-RESP-CODE");
    lines.add("PIPELINING");
    if (beforeLogin && session.tlsAvailable() && !session.tlsActive()) {
      lines.add("STLS");
    }
    lines.add("IMPLEMENTATION Mailroom");
    return Uni.createFrom()
        .item(Outcome.of(new Reply.Lines(Reply.ok("capability list follows"), lines)));
  }
}
