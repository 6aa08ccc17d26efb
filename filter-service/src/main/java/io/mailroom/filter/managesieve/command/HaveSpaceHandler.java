package io.mailroom.filter.managesieve.command;

import io.mailroom.filter.managesieve.Reply;
import io.mailroom.filter.managesieve.Session;
import io.mailroom.filter.managesieve.wire.Argument;
import io.mailroom.filter.script.ScriptService;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** HAVESPACE name size (RFC 5804 2.5). */
public class HaveSpaceHandler implements CommandHandler {
  private final ScriptService scripts;

  public HaveSpaceHandler(ScriptService scripts) {
    this.scripts = scripts;
  }

  @Override
  public Uni<Reply> handle(Session session, List<Argument> arguments) {
    if (arguments.size() != 2
        || !(arguments.get(0) instanceof Argument.Str name)
        || !(arguments.get(1) instanceof Argument.Atom number)) {
      return Arguments.syntax("HAVESPACE name size");
    }
    long size;
    try {
      size = Long.parseLong(number.text());
    } catch (NumberFormatException e) {
      return Arguments.syntax("HAVESPACE name size");
    }
    if (size > scripts.maxSize()) {
      return Uni.createFrom()
          .item(
              Reply.no(
                  "QUOTA/MAXSIZE",
                  "the largest script allowed is " + scripts.maxSize() + " octets"));
    }
    return scripts
        .haveSpace(session.username(), name.text(), size)
        .map(
            ok ->
                ok
                    ? Reply.ok("Putscript would succeed")
                    : Reply.no("QUOTA/MAXSCRIPTS", "too many scripts"))
        .onFailure()
        .recoverWithItem(Arguments::refused);
  }
}
