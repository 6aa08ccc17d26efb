package io.mailroom.filter.managesieve.command;

import io.mailroom.filter.managesieve.Reply;
import io.mailroom.filter.managesieve.wire.Argument;
import io.mailroom.filter.script.ScriptRejected;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Small helpers shared by the handlers: argument shapes and failure replies. */
final class Arguments {
  private static final Logger LOG = Logger.getLogger(Arguments.class);

  private Arguments() {}

  /** The arguments as strings when there are exactly {@code count} strings. */
  static Optional<List<String>> strings(List<Argument> arguments, int count) {
    if (arguments.size() != count) {
      return Optional.empty();
    }
    var values = new ArrayList<String>();
    for (var argument : arguments) {
      if (!(argument instanceof Argument.Str string)) {
        return Optional.empty();
      }
      values.add(string.text());
    }
    return Optional.of(values);
  }

  static Uni<Reply> syntax(String usage) {
    return Uni.createFrom().item(Reply.no("syntax: " + usage));
  }

  /** Maps a refused operation to its RFC 5804 response code. */
  static Reply refused(Throwable failure) {
    if (failure instanceof ScriptRejected rejected) {
      var code =
          switch (rejected.kind()) {
            case TOO_LARGE -> "QUOTA/MAXSIZE";
            case TOO_MANY -> "QUOTA/MAXSCRIPTS";
            case NOT_FOUND -> "NONEXISTENT";
            case ALREADY_EXISTS -> "ALREADYEXISTS";
            case ACTIVE -> "ACTIVE";
            case BAD_NAME, INVALID_SCRIPT -> null;
          };
      return Reply.no(code, rejected.getMessage());
    }
    LOG.warnf("ManageSieve command failed: %s", failure.toString());
    return Reply.no("TRYLATER", "temporary failure, try again later");
  }
}
