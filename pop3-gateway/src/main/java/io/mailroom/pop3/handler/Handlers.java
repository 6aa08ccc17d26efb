package io.mailroom.pop3.handler;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.session.Session;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends each command to its handler. */
@ApplicationScoped
public class Handlers {
  private final UserHandler user;
  private final PassHandler pass;
  private final AuthHandler auth;
  private final CapaHandler capa;
  private final StlsHandler stls;
  private final NoopHandler noop;
  private final StatHandler stat;
  private final ListHandler list;
  private final UidlHandler uidl;
  private final RetrHandler retr;
  private final TopHandler top;
  private final DeleHandler dele;
  private final RsetHandler rset;
  private final QuitHandler quit;

  Handlers(
      UserHandler user,
      PassHandler pass,
      AuthHandler auth,
      CapaHandler capa,
      StlsHandler stls,
      NoopHandler noop,
      StatHandler stat,
      ListHandler list,
      UidlHandler uidl,
      RetrHandler retr,
      TopHandler top,
      DeleHandler dele,
      RsetHandler rset,
      QuitHandler quit) {
    this.user = user;
    this.pass = pass;
    this.auth = auth;
    this.capa = capa;
    this.stls = stls;
    this.noop = noop;
    this.stat = stat;
    this.list = list;
    this.uidl = uidl;
    this.retr = retr;
    this.top = top;
    this.dele = dele;
    this.rset = rset;
    this.quit = quit;
  }

  public Uni<Outcome> handle(Command command, Session session) {
    // Java 17 has no pattern switch; the sealed interface keeps this list complete by review
    if (command instanceof Command.User c) {
      return user.handle(c, session);
    } else if (command instanceof Command.Pass c) {
      return pass.handle(c, session);
    } else if (command instanceof Command.Auth c) {
      return auth.handle(c, session);
    } else if (command instanceof Command.SaslResponse c) {
      return auth.respond(c, session);
    } else if (command instanceof Command.Capa c) {
      return capa.handle(c, session);
    } else if (command instanceof Command.Stls c) {
      return stls.handle(c, session);
    } else if (command instanceof Command.Noop c) {
      return noop.handle(c, session);
    } else if (command instanceof Command.Stat c) {
      return stat.handle(c, session);
    } else if (command instanceof Command.List c) {
      return list.handle(c, session);
    } else if (command instanceof Command.Uidl c) {
      return uidl.handle(c, session);
    } else if (command instanceof Command.Retr c) {
      return retr.handle(c, session);
    } else if (command instanceof Command.Top c) {
      return top.handle(c, session);
    } else if (command instanceof Command.Dele c) {
      return dele.handle(c, session);
    } else if (command instanceof Command.Rset c) {
      return rset.handle(c, session);
    } else if (command instanceof Command.Quit c) {
      return quit.handle(c, session);
    }
    throw new IllegalStateException("no handler for " + command.name());
  }
}
