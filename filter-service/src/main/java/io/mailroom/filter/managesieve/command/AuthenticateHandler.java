package io.mailroom.filter.managesieve.command;

import io.mailroom.filter.managesieve.Reply;
import io.mailroom.filter.managesieve.Session;
import io.mailroom.filter.managesieve.SessionState;
import io.mailroom.filter.managesieve.wire.Argument;
import io.mailroom.filter.store.StoreClient;
import io.smallrye.mutiny.Uni;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * AUTHENTICATE "PLAIN" [initial-response] (RFC 5804 2.1, RFC 4616), checked by the store. Without
 * an initial response the server sends an empty challenge and the next line is the response.
 */
public class AuthenticateHandler implements CommandHandler {
  private final StoreClient store;

  public AuthenticateHandler(StoreClient store) {
    this.store = store;
  }

  @Override
  public boolean needsAuthentication() {
    return false;
  }

  @Override
  public Uni<Reply> handle(Session session, List<Argument> arguments) {
    if (session.username() != null) {
      return Uni.createFrom().item(Reply.no("already authenticated"));
    }
    if (arguments.isEmpty() || arguments.size() > 2) {
      return Arguments.syntax("AUTHENTICATE \"PLAIN\" [initial-response]");
    }
    var strings = Arguments.strings(arguments, arguments.size());
    if (strings.isEmpty()) {
      return Arguments.syntax("AUTHENTICATE \"PLAIN\" [initial-response]");
    }
    if (!strings.get().get(0).toUpperCase(Locale.ROOT).equals("PLAIN")) {
      return Uni.createFrom().item(Reply.no("only the PLAIN mechanism is supported"));
    }
    if (strings.get().size() == 1) {
      session.state(new SessionState.AwaitingSaslResponse());
      return Uni.createFrom().item(new Reply().string("").crlf());
    }
    return check(session, strings.get().get(1));
  }

  /** The client's answer to the empty challenge. */
  public Uni<Reply> respond(Session session, List<Argument> line) {
    session.state(new SessionState.NotAuthenticated());
    var response = Arguments.strings(line, 1);
    if (response.isEmpty()) {
      return Uni.createFrom().item(Reply.no("expected a SASL response string"));
    }
    if (response.get().get(0).equals("*")) {
      return Uni.createFrom().item(Reply.no("authentication cancelled"));
    }
    return check(session, response.get().get(0));
  }

  private Uni<Reply> check(Session session, String base64) {
    byte[] plain;
    try {
      plain = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().item(Reply.no("the SASL response is not base64"));
    }
    return store
        .authenticatePlain(plain, session.remoteAddress())
        .map(
            user -> {
              if (user.isPresent()) {
                session.state(new SessionState.Authenticated(user.get()));
                return Reply.ok("Authenticated");
              }
              if (session.failedLogin()) {
                return Reply.bye("too many failed logins");
              }
              return Reply.no("authentication failed");
            })
        .onFailure()
        .recoverWithItem(Arguments::refused);
  }
}
