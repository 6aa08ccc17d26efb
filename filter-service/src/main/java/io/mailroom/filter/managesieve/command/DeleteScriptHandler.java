package io.mailroom.filter.managesieve.command;

import io.mailroom.filter.managesieve.Reply;
import io.mailroom.filter.managesieve.Session;
import io.mailroom.filter.managesieve.wire.Argument;
import io.mailroom.filter.script.ScriptService;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** DELETESCRIPT name (RFC 5804 2.10): an active script is refused with (ACTIVE). */
public class DeleteScriptHandler implements CommandHandler {
  private final ScriptService scripts;

  public DeleteScriptHandler(ScriptService scripts) {
    this.scripts = scripts;
  }

  @Override
  public Uni<Reply> handle(Session session, List<Argument> arguments) {
    var name = Arguments.strings(arguments, 1);
    if (name.isEmpty()) {
      return Arguments.syntax("DELETESCRIPT name");
    }
    return scripts
        .delete(session.username(), name.get().get(0))
        .map(done -> Reply.ok("Deletescript completed"))
        .onFailure()
        .recoverWithItem(Arguments::refused);
  }
}
