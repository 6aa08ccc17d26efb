package io.mailroom.store.lmtp.command;

import java.util.Locale;
import java.util.OptionalLong;

/** Turns one command line into an {@link LmtpCommand}; never throws on client input. */
public final class LmtpCommandParser {

  public LmtpCommand parse(String line) {
    int space = line.indexOf(' ');
    String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    String argument = space < 0 ? "" : line.substring(space + 1).strip();
    return switch (verb) {
      case "LHLO" ->
          argument.isEmpty()
              ? new LmtpCommand.Malformed(verb, "LHLO needs a host name")
              : new LmtpCommand.Lhlo(argument);
      case "HELO", "EHLO" -> new LmtpCommand.SmtpGreeting(verb);
      case "MAIL" -> mail(argument);
      case "RCPT" -> rcpt(argument);
      case "DATA" -> noArgument(verb, argument, new LmtpCommand.Data());
      case "RSET" -> noArgument(verb, argument, new LmtpCommand.Rset());
      case "QUIT" -> noArgument(verb, argument, new LmtpCommand.Quit());
      // RFC 5321 4.1.1.9: NOOP may carry a string, which is ignored.
      case "NOOP" -> new LmtpCommand.Noop();
      case "VRFY" ->
          argument.isEmpty()
              ? new LmtpCommand.Malformed(verb, "VRFY needs an argument")
              : new LmtpCommand.Vrfy(argument);
      default -> new LmtpCommand.Unrecognized(verb);
    };
  }

  private static LmtpCommand noArgument(String verb, String argument, LmtpCommand command) {
    return argument.isEmpty()
        ? command
        : new LmtpCommand.Malformed(verb, verb + " takes no argument");
  }

  private static LmtpCommand mail(String argument) {
    String rest = afterKeyword(argument, "FROM:");
    if (rest == null) {
      return new LmtpCommand.Malformed("MAIL", "syntax is MAIL FROM:<address>");
    }
    PathAndParameters split = PathAndParameters.split(rest);
    if (split == null) {
      return new LmtpCommand.Malformed("MAIL", "bad sender address syntax");
    }
    String sender = split.path();
    if (!sender.isEmpty()) {
      try {
        sender = MailAddress.parse(sender).address();
      } catch (IllegalArgumentException e) {
        return new LmtpCommand.Malformed("MAIL", "bad sender address syntax");
      }
    }
    OptionalLong size = OptionalLong.empty();
    boolean bodySeen = false;
    for (String parameter : split.parameters()) {
      int eq = parameter.indexOf('=');
      String key = (eq < 0 ? parameter : parameter.substring(0, eq)).toUpperCase(Locale.ROOT);
      String value = eq < 0 ? null : parameter.substring(eq + 1);
      switch (key) {
        case "SIZE" -> {
          if (size.isPresent() || value == null || !value.matches("[0-9]{1,18}")) {
            return new LmtpCommand.Malformed("MAIL", "bad SIZE parameter");
          }
          size = OptionalLong.of(Long.parseLong(value));
        }
        case "BODY" -> {
          if (bodySeen
              || value == null
              || !(value.equalsIgnoreCase("7BIT") || value.equalsIgnoreCase("8BITMIME"))) {
            return new LmtpCommand.Malformed("MAIL", "bad BODY parameter");
          }
          bodySeen = true;
        }
        default -> {
          return new LmtpCommand.UnsupportedParameter("MAIL", key);
        }
      }
    }
    return new LmtpCommand.Mail(sender, size);
  }

  private static LmtpCommand rcpt(String argument) {
    String rest = afterKeyword(argument, "TO:");
    if (rest == null) {
      return new LmtpCommand.Malformed("RCPT", "syntax is RCPT TO:<address>");
    }
    PathAndParameters split = PathAndParameters.split(rest);
    if (split == null || split.path().isEmpty()) {
      return new LmtpCommand.Malformed("RCPT", "bad recipient address syntax");
    }
    if (!split.parameters().isEmpty()) {
      String first = split.parameters().get(0);
      int eq = first.indexOf('=');
      return new LmtpCommand.UnsupportedParameter(
          "RCPT", (eq < 0 ? first : first.substring(0, eq)).toUpperCase(Locale.ROOT));
    }
    try {
      return new LmtpCommand.Rcpt(MailAddress.parse(split.path()));
    } catch (IllegalArgumentException e) {
      return new LmtpCommand.Malformed("RCPT", "bad recipient address syntax");
    }
  }

  /** "FROM:<a>" or, leniently, "FROM: <a>"; null if the keyword is missing. */
  private static String afterKeyword(String argument, String keyword) {
    if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
      return null;
    }
    return argument.substring(keyword.length()).strip();
  }
}
