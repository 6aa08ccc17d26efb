package io.mailroom.filter.managesieve.command;

import io.mailroom.filter.managesieve.Reply;
import io.mailroom.filter.managesieve.Session;
import io.mailroom.filter.managesieve.wire.Argument;
import io.mailroom.filter.script.Direction;
import io.mailroom.filter.script.ScriptService;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * SETACTIVE name (RFC 5804 2.8). ManageSieve knows one active script: it is the one for incoming
 * mail; "" deactivates it. Outgoing scripts are activated through REST.
 */
public class SetActiveHandler implements CommandHandler {
  private final ScriptService scripts;

  public SetActiveHandler(ScriptService scripts) {
    this.scripts = scripts;
  }

  @Override
  public Uni<Reply> handle(Session session, List<Argument> arguments) {
    var name = Arguments.strings(arguments, 1);
    if (name.isEmpty()) {
      return Arguments.syntax("SETACTIVE name");
    }
    var script = name.get().get(0);
    return scripts
        .activate(session.username(), script.isEmpty() ? null : script, Direction.INCOMING)
        .map(done -> Reply.ok(script.isEmpty() ? "no script is active now" : "Setactive completed"))
        .onFailure()
        .recoverWithItem(Arguments::refused);
  }
}
