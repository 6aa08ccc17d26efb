package io.mailroom.filter.managesieve.command;

import io.mailroom.filter.managesieve.Reply;
import io.mailroom.filter.managesieve.Session;
import io.mailroom.filter.managesieve.wire.Argument;
import io.mailroom.filter.script.ScriptService;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** GETSCRIPT name (RFC 5804 2.9): the script as a literal. */
public class GetScriptHandler implements CommandHandler {
  private final ScriptService scripts;

  public GetScriptHandler(ScriptService scripts) {
    this.scripts = scripts;
  }

  @Override
  public Uni<Reply> handle(Session session, List<Argument> arguments) {
    var name = Arguments.strings(arguments, 1);
    if (name.isEmpty()) {
      return Arguments.syntax("GETSCRIPT name");
    }
    return scripts
        .get(session.username(), name.get().get(0))
        .map(
            found -> {
              if (found.isEmpty()) {
                return Reply.no("NONEXISTENT", "there is no script by that name");
              }
              var octets = found.get().content().getBytes(StandardCharsets.UTF_8);
              // Always a literal: scripts hold CRLFs and quotes.
              return new Reply()
                  .line("{" + octets.length + "}")
                  .raw(octets)
                  .crlf()
                  .status("OK", null, "Getscript completed");
            })
        .onFailure()
        .recoverWithItem(Arguments::refused);
  }
}
