package io.mailroom.pop3.command;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns one command line into a {@link Command}. Keywords are case-insensitive (RFC 1939 section
 * 3); arguments are separated by single spaces, though runs of spaces are tolerated. USER and PASS
 * take the rest of the line, so a password may contain spaces (RFC 1939 section 7 allows this).
 */
public final class CommandParser {
  /** Message numbers and line counts above this are refused rather than overflowing. */
  private static final int MAX_DIGITS = 9;

  public Parsed parse(String line) {
    String trimmed = stripTrailingSpaces(line);
    int space = trimmed.indexOf(' ');
    String keyword = (space < 0 ? trimmed : trimmed.substring(0, space)).toUpperCase(Locale.ROOT);
    String rest = space < 0 ? "" : trimmed.substring(space + 1).stripLeading();
    String[] args = rest.isEmpty() ? new String[0] : rest.split(" +");
    if (keyword.isEmpty()) {
      return new Parsed.Rejected("UNKNOWN", "empty command");
    }
    return switch (keyword) {
      case "USER" ->
          rest.isEmpty() ? reject(keyword, "USER needs a user name") : ok(new Command.User(rest));
      case "PASS" -> {
        // the password is everything after "PASS ", spaces included, untrimmed
        String password = space < 0 ? "" : line.substring(space + 1);
        yield password.isEmpty()
            ? reject(keyword, "PASS needs a password")
            : ok(new Command.Pass(password));
      }
      case "AUTH" -> auth(args);
      case "STAT" -> noArgs(args, keyword, new Command.Stat());
      case "NOOP" -> noArgs(args, keyword, new Command.Noop());
      case "RSET" -> noArgs(args, keyword, new Command.Rset());
      case "QUIT" -> noArgs(args, keyword, new Command.Quit());
      case "CAPA" -> noArgs(args, keyword, new Command.Capa());
      case "STLS" -> noArgs(args, keyword, new Command.Stls());
      case "LIST" -> optionalMessage(args, keyword, n -> new Command.List(n));
      case "UIDL" -> optionalMessage(args, keyword, n -> new Command.Uidl(n));
      case "RETR" -> oneMessage(args, keyword, n -> new Command.Retr(n));
      case "DELE" -> oneMessage(args, keyword, n -> new Command.Dele(n));
      case "TOP" -> top(args);
      case "APOP" -> reject(keyword, "APOP is not supported");
      default -> new Parsed.Rejected("UNKNOWN", "unknown command");
    };
  }

  private static Parsed auth(String[] args) {
    if (args.length == 0) {
      return ok(new Command.Auth(Optional.empty(), Optional.empty()));
    }
    if (args.length > 2) {
      return reject("AUTH", "AUTH takes a mechanism and at most one initial response");
    }
    String mechanism = args[0].toUpperCase(Locale.ROOT);
    Optional<String> initial = args.length == 2 ? Optional.of(args[1]) : Optional.empty();
    return ok(new Command.Auth(Optional.of(mechanism), initial));
  }

  private static Parsed top(String[] args) {
    if (args.length != 2) {
      return reject("TOP", "TOP needs a message number and a number of lines");
    }
    OptionalInt message = number(args[0]);
    OptionalInt lines = number(args[1]);
    if (message.isEmpty() || message.getAsInt() == 0) {
      return reject("TOP", "invalid message number");
    }
    if (lines.isEmpty()) {
      return reject("TOP", "invalid number of lines");
    }
    return ok(new Command.Top(message.getAsInt(), lines.getAsInt()));
  }

  private static Parsed noArgs(String[] args, String keyword, Command command) {
    return args.length == 0 ? ok(command) : reject(keyword, keyword + " takes no arguments");
  }

  private static Parsed optionalMessage(
      String[] args, String keyword, java.util.function.Function<OptionalInt, Command> make) {
    if (args.length == 0) {
      return ok(make.apply(OptionalInt.empty()));
    }
    if (args.length > 1) {
      return reject(keyword, keyword + " takes at most one message number");
    }
    OptionalInt n = number(args[0]);
    if (n.isEmpty() || n.getAsInt() == 0) {
      return reject(keyword, "invalid message number");
    }
    return ok(make.apply(n));
  }

  private static Parsed oneMessage(
      String[] args, String keyword, java.util.function.IntFunction<Command> make) {
    if (args.length != 1) {
      return reject(keyword, keyword + " needs one message number");
    }
    OptionalInt n = number(args[0]);
    if (n.isEmpty() || n.getAsInt() == 0) {
      return reject(keyword, "invalid message number");
    }
    return ok(make.apply(n.getAsInt()));
  }

  private static OptionalInt number(String text) {
    if (text.isEmpty() || text.length() > MAX_DIGITS) {
      return OptionalInt.empty();
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return OptionalInt.empty();
      }
    }
    return OptionalInt.of(Integer.parseInt(text));
  }

  private static String stripTrailingSpaces(String line) {
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ') {
      end--;
    }
    return line.substring(0, end);
  }

  private static Parsed ok(Command command) {
    return new Parsed.Ok(command);
  }

  private static Parsed reject(String keyword, String reason) {
    return new Parsed.Rejected(keyword, reason);
  }
}
