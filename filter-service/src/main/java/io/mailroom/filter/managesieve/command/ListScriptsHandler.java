package io.mailroom.filter.managesieve.command;

import io.mailroom.filter.managesieve.Reply;
import io.mailroom.filter.managesieve.Session;
import io.mailroom.filter.managesieve.wire.Argument;
import io.mailroom.filter.script.ScriptService;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** LISTSCRIPTS (RFC 5804 2.7); ACTIVE marks the script active for incoming mail. */
public class ListScriptsHandler implements CommandHandler {
  private final ScriptService scripts;

  public ListScriptsHandler(ScriptService scripts) {
    this.scripts = scripts;
  }

  @Override
  public Uni<Reply> handle(Session session, List<Argument> arguments) {
    if (!arguments.isEmpty()) {
      return Arguments.syntax("LISTSCRIPTS");
    }
    return scripts
        .list(session.username())
        .map(
            all -> {
              var reply = new Reply();
              for (var script : all) {
                reply.string(script.name());
                if (script.activeIncoming()) {
                  reply.space().line("ACTIVE");
                } else {
                  reply.crlf();
                }
              }
              return reply.status("OK", null, "Listscripts completed");
            })
        .onFailure()
        .recoverWithItem(Arguments::refused);
  }
}
