package io.mailroom.filter.managesieve.command;

import io.mailroom.filter.managesieve.Reply;
import io.mailroom.filter.managesieve.Session;
import io.mailroom.filter.managesieve.wire.Argument;
import io.mailroom.filter.script.ScriptService;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** PUTSCRIPT name content (RFC 5804 2.6): compiled first; nothing stored on any error. */
public class PutScriptHandler implements CommandHandler {
  private final ScriptService scripts;

  public PutScriptHandler(ScriptService scripts) {
    this.scripts = scripts;
  }

  @Override
  public Uni<Reply> handle(Session session, List<Argument> arguments) {
    var values = Arguments.strings(arguments, 2);
    if (values.isEmpty()) {
      return Arguments.syntax("PUTSCRIPT name {size+} script");
    }
    return scripts
        .put(session.username(), values.get().get(0), values.get().get(1))
        .map(stored -> Reply.ok("Putscript completed"))
        .onFailure()
        .recoverWithItem(Arguments::refused);
  }
}
