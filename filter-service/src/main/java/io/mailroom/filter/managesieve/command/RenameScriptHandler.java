package io.mailroom.filter.managesieve.command;

import io.mailroom.filter.managesieve.Reply;
import io.mailroom.filter.managesieve.Session;
import io.mailroom.filter.managesieve.wire.Argument;
import io.mailroom.filter.script.ScriptService;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** RENAMESCRIPT old new (RFC 5804 2.11.1); an active script stays active under its new name. */
public class RenameScriptHandler implements CommandHandler {
  private final ScriptService scripts;

  public RenameScriptHandler(ScriptService scripts) {
    this.scripts = scripts;
  }

  @Override
  public Uni<Reply> handle(Session session, List<Argument> arguments) {
    var names = Arguments.strings(arguments, 2);
    if (names.isEmpty()) {
      return Arguments.syntax("RENAMESCRIPT old-name new-name");
    }
    return scripts
        .rename(session.username(), names.get().get(0), names.get().get(1))
        .map(done -> Reply.ok("Renamescript completed"))
        .onFailure()
        .recoverWithItem(Arguments::refused);
  }
}
