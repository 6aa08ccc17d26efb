package io.mailroom.filter.managesieve.command;

import io.mailroom.filter.managesieve.Reply;
import io.mailroom.filter.managesieve.Session;
import io.mailroom.filter.managesieve.wire.Argument;
import io.mailroom.filter.script.ScriptRejected;
import io.mailroom.filter.script.ScriptService;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** CHECKSCRIPT content (RFC 5804 2.12): compile only. */
public class CheckScriptHandler implements CommandHandler {
  private final ScriptService scripts;

  public CheckScriptHandler(ScriptService scripts) {
    this.scripts = scripts;
  }

  @Override
  public Uni<Reply> handle(Session session, List<Argument> arguments) {
    var content = Arguments.strings(arguments, 1);
    if (content.isEmpty()) {
      return Arguments.syntax("CHECKSCRIPT {size+} script");
    }
    try {
      scripts.check(null, content.get().get(0));
      return Uni.createFrom().item(Reply.ok("the script is valid"));
    } catch (ScriptRejected e) {
      return Uni.createFrom().item(Arguments.refused(e));
    }
  }
}
