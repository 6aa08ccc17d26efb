package io.mailroom.imap.command;

import io.mailroom.imap.wire.RawCommand;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns a framed command into a {@link ParsedCommand}: a tag and a command record, or a BAD. */
public final class CommandParser {
  private CommandParser() {}

  public static ParsedCommand parse(RawCommand raw) {
    var in = new ArgumentReader(raw);
    String tag;
    try {
      tag = in.tag();
    } catch (SyntaxError e) {
      return new ParsedCommand.Invalid("*", "Missing or invalid tag");
    }
    try {
      in.sp();
      String name = in.atom().toUpperCase(Locale.ROOT);
      return new ParsedCommand.Valid(tag, command(name, in));
    } catch (SyntaxError e) {
      return new ParsedCommand.Invalid(tag, e.getMessage());
    } catch (SearchParser.UnsupportedCharset e) {
      return new ParsedCommand.Refused(
          tag, "SEARCH", "BADCHARSET (UTF-8 US-ASCII)", "Unsupported charset");
    }
  }

  private static Command command(String name, ArgumentReader in) {
    return switch (name) {
      case "CAPABILITY" -> noArgs(in, new Command.Capability());
      case "NOOP" -> noArgs(in, new Command.Noop());
      case "LOGOUT" -> noArgs(in, new Command.Logout());
      case "STARTTLS" -> noArgs(in, new Command.StartTls());
      case "NAMESPACE" -> noArgs(in, new Command.Namespace());
      case "IDLE" -> noArgs(in, new Command.Idle());
      case "CHECK" -> noArgs(in, new Command.Check());
      case "CLOSE" -> noArgs(in, new Command.Close());
      case "UNSELECT" -> noArgs(in, new Command.Unselect());
      case "EXPUNGE" -> noArgs(in, new Command.Expunge(Optional.empty()));
      case "ID" -> id(in);
      case "ENABLE" -> enable(in);
      case "LOGIN" -> login(in);
      case "AUTHENTICATE" -> authenticate(in);
      case "SELECT" -> select(in, false);
      case "EXAMINE" -> select(in, true);
      case "CREATE" -> create(in);
      case "DELETE" -> new Command.Delete(oneMailbox(in));
      case "RENAME" -> rename(in);
      case "SUBSCRIBE" -> new Command.Subscribe(oneMailbox(in), true);
      case "UNSUBSCRIBE" -> new Command.Subscribe(oneMailbox(in), false);
      case "LIST" -> list(in, false);
      case "LSUB" -> list(in, true);
      case "STATUS" -> status(in);
      case "APPEND" -> AppendParser.parse(in);
      case "SEARCH" -> SearchParser.parse(in, false);
      case "FETCH" -> FetchParser.parse(in, false);
      case "STORE" -> StoreParser.parse(in, false);
      case "COPY" -> copy(in, false, false);
      case "MOVE" -> copy(in, false, true);
      case "UID" -> uid(in);
      default -> throw new SyntaxError("Unknown command " + name);
    };
  }

  private static Command uid(ArgumentReader in) {
    in.sp();
    String sub = in.atom().toUpperCase(Locale.ROOT);
    return switch (sub) {
      case "FETCH" -> FetchParser.parse(in, true);
      case "SEARCH" -> SearchParser.parse(in, true);
      case "STORE" -> StoreParser.parse(in, true);
      case "COPY" -> copy(in, true, false);
      case "MOVE" -> copy(in, true, true);
      case "EXPUNGE" -> {
        in.sp();
        var set = SequenceSet.parse(in.word());
        in.end();
        yield new Command.Expunge(Optional.of(set));
      }
      default -> throw new SyntaxError("Unknown UID command " + sub);
    };
  }

  private static Command noArgs(ArgumentReader in, Command command) {
    in.end();
    return command;
  }

  private static String oneMailbox(ArgumentReader in) {
    in.sp();
    String mailbox = in.mailbox();
    in.end();
    return mailbox;
  }

  /** SELECT / EXAMINE mailbox [(CONDSTORE)] (RFC 7162 3.1.8). */
  private static Command select(ArgumentReader in, boolean readOnly) {
    in.sp();
    String mailbox = in.mailbox();
    boolean condstore = false;
    if (in.spIfMore()) {
      if (in.peek() != '(') {
        throw new SyntaxError("Extra arguments");
      }
      in.expect('(');
      while (!in.consume(')')) {
        if (condstore) {
          in.sp();
        }
        String parameter = in.atom().toUpperCase(Locale.ROOT);
        if (!parameter.equals("CONDSTORE")) {
          throw new SyntaxError("Unknown " + (readOnly ? "EXAMINE" : "SELECT") + " parameter");
        }
        condstore = true;
      }
      if (!condstore) {
        throw new SyntaxError("Empty parameter list");
      }
    }
    in.end();
    return new Command.Select(mailbox, readOnly, condstore);
  }

  private static Command login(ArgumentReader in) {
    in.sp();
    String user = in.astring();
    in.sp();
    String password = in.astring();
    in.end();
    return new Command.Login(user, password);
  }

  private static Command authenticate(ArgumentReader in) {
    in.sp();
    String mechanism = in.atom().toUpperCase(Locale.ROOT);
    Optional<String> initial = Optional.empty();
    if (in.spIfMore()) {
      initial = Optional.of(in.word());
    }
    in.end();
    return new Command.Authenticate(mechanism, initial);
  }

  private static Command id(ArgumentReader in) {
    in.sp();
    var fields = new ArrayList<String>();
    if (in.consume('(')) {
      while (!in.consume(')')) {
        if (!fields.isEmpty()) {
          in.sp();
        }
        byte[] value = in.nstringBytes();
        fields.add(value == null ? null : new String(value, StandardCharsets.UTF_8));
        if (fields.size() > 60) {
          throw new SyntaxError("Too many ID fields");
        }
      }
    } else if (in.nstringBytes() != null) {
      throw new SyntaxError("Expected NIL or a list");
    }
    in.end();
    return new Command.Id(java.util.Collections.unmodifiableList(fields));
  }

  private static Command enable(ArgumentReader in) {
    var caps = new ArrayList<String>();
    while (in.spIfMore()) {
      caps.add(in.atom().toUpperCase(Locale.ROOT));
    }
    if (caps.isEmpty()) {
      throw new SyntaxError("Missing arguments");
    }
    in.end();
    return new Command.Enable(caps);
  }

  private static Command create(ArgumentReader in) {
    in.sp();
    String mailbox = in.mailbox();
    Optional<String> use = Optional.empty();
    if (in.spIfMore()) {
      // CREATE-SPECIAL-USE: (USE (\Archive))
      in.expect('(');
      String word = in.atom();
      if (!word.equalsIgnoreCase("USE")) {
        throw new SyntaxError("Unknown CREATE parameter");
      }
      in.sp();
      List<String> uses = in.flagList(false);
      in.expect(')');
      if (uses.size() != 1) {
        throw new SyntaxError("Exactly one special use");
      }
      use = Optional.of(Flags.canonical(uses.get(0)));
    }
    in.end();
    return new Command.Create(mailbox, use);
  }

  private static Command rename(ArgumentReader in) {
    in.sp();
    String from = in.mailbox();
    in.sp();
    String to = in.mailbox();
    in.end();
    return new Command.Rename(from, to);
  }

  private static Command list(ArgumentReader in, boolean lsub) {
    in.sp();
    if (in.peek() == '(') {
      throw new SyntaxError("LIST-EXTENDED is not supported");
    }
    String reference = MailboxName.decode(in.astring());
    in.sp();
    String pattern = MailboxName.decode(in.listMailbox());
    in.end();
    return new Command.ListMailboxes(reference, pattern, lsub);
  }

  private static Command status(ArgumentReader in) {
    in.sp();
    String mailbox = in.mailbox();
    in.sp();
    in.expect('(');
    var items = new ArrayList<Command.StatusItem>();
    while (!in.consume(')')) {
      if (!items.isEmpty()) {
        in.sp();
      }
      String item = in.atom().toUpperCase(Locale.ROOT);
      try {
        items.add(Command.StatusItem.valueOf(item));
      } catch (IllegalArgumentException e) {
        throw new SyntaxError("Unknown status item " + item);
      }
    }
    if (items.isEmpty()) {
      throw new SyntaxError("Missing status items");
    }
    in.end();
    return new Command.Status(mailbox, items);
  }

  private static Command copy(ArgumentReader in, boolean uid, boolean move) {
    in.sp();
    SequenceSet set = SequenceSet.parse(in.word());
    in.sp();
    String mailbox = in.mailbox();
    in.end();
    return new Command.Copy(uid, set, mailbox, move);
  }
}
