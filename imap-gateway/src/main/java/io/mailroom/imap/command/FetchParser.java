package io.mailroom.imap.command;

import io.mailroom.imap.command.FetchItem.BodySection;
import io.mailroom.imap.command.FetchItem.Partial;
import io.mailroom.imap.command.FetchItem.Section;
import io.mailroom.imap.command.FetchItem.Simple;
import io.mailroom.imap.command.FetchItem.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** FETCH sequence-set (items | macro); also UID FETCH. */
public final class FetchParser {
  private FetchParser() {}

  static Command parse(ArgumentReader in, boolean uid) {
    in.sp();
    SequenceSet set = SequenceSet.parse(in.word());
    in.sp();
    var items = new ArrayList<FetchItem>();
    if (in.consume('(')) {
      while (!in.consume(')')) {
        if (!items.isEmpty()) {
          in.sp();
        }
        items.add(item(in));
      }
      if (items.isEmpty()) {
        throw new SyntaxError("Empty fetch item list");
      }
    } else {
      String name = itemName(in);
      switch (name) {
        case "ALL" -> items.addAll(FetchItem.all());
        case "FAST" -> items.addAll(FetchItem.fast());
        case "FULL" -> items.addAll(FetchItem.full());
        default -> items.add(item(name, in));
      }
    }
    OptionalLong changedSince = OptionalLong.empty();
    if (in.spIfMore()) {
      // fetch-modifiers (RFC 4466); CHANGEDSINCE is the one we know (RFC 7162 3.1.4.1).
      in.expect('(');
      String modifier = in.atom().toUpperCase(Locale.ROOT);
      if (!modifier.equals("CHANGEDSINCE")) {
        throw new SyntaxError("Unknown fetch modifier " + modifier);
      }
      in.sp();
      changedSince = OptionalLong.of(in.number());
      in.expect(')');
    }
    in.end();
    return new Command.Fetch(uid, set, List.copyOf(items), changedSince);
  }

  /** Item names are letters, digits and dots; "[" starts a section. */
  private static String itemName(ArgumentReader in) {
    var sb = new StringBuilder();
    while (true) {
      int c = in.peek();
      if (!(Character.isLetterOrDigit(c) || c == '.') || c > 0x7e) {
        break;
      }
      sb.append((char) c);
      in.consume((char) c);
    }
    if (sb.length() == 0) {
      throw new SyntaxError(in.atEnd() ? "Missing arguments" : "Expected a fetch item");
    }
    return sb.toString().toUpperCase(Locale.ROOT);
  }

  static FetchItem item(ArgumentReader in) {
    return item(itemName(in), in);
  }

  private static FetchItem item(String name, ArgumentReader in) {
    switch (name) {
      case "UID":
        return Simple.UID;
      case "FLAGS":
        return Simple.FLAGS;
      case "INTERNALDATE":
        return Simple.INTERNALDATE;
      case "RFC822.SIZE":
        return Simple.RFC822_SIZE;
      case "ENVELOPE":
        return Simple.ENVELOPE;
      case "BODYSTRUCTURE":
        return Simple.BODYSTRUCTURE;
      case "MODSEQ":
        return Simple.MODSEQ;
      case "RFC822":
        return new BodySection(
            new Section("", Text.ALL, List.of()), false, Optional.empty(), Optional.of("RFC822"));
      case "RFC822.HEADER":
        return new BodySection(
            new Section("", Text.HEADER, List.of()),
            true,
            Optional.empty(),
            Optional.of("RFC822.HEADER"));
      case "RFC822.TEXT":
        return new BodySection(
            new Section("", Text.TEXT, List.of()),
            false,
            Optional.empty(),
            Optional.of("RFC822.TEXT"));
      case "BODY":
      case "BODY.PEEK":
        if (in.peek() != '[') {
          if (name.equals("BODY.PEEK")) {
            throw new SyntaxError("BODY.PEEK needs a section");
          }
          return Simple.BODY;
        }
        Section section = section(in);
        Optional<Partial> partial = Optional.empty();
        if (in.consume('<')) {
          long offset = in.number();
          in.expect('.');
          long length = in.number();
          in.expect('>');
          if (length == 0) {
            throw new SyntaxError("Partial length must be positive");
          }
          partial = Optional.of(new Partial(offset, length));
        }
        return new BodySection(section, name.equals("BODY.PEEK"), partial, Optional.empty());
      case "ALL":
      case "FAST":
      case "FULL":
        throw new SyntaxError("A macro cannot be inside a list");
      default:
        throw new SyntaxError("Unknown fetch item " + name);
    }
  }

  private static Section section(ArgumentReader in) {
    in.expect('[');
    var part = new StringBuilder();
    Text text = Text.ALL;
    List<String> fields = List.of();
    if (!in.consume(']')) {
      String spec = sectionAtom(in);
      String rest = spec;
      while (!rest.isEmpty() && Character.isDigit(rest.charAt(0))) {
        int dot = rest.indexOf('.');
        String number = dot < 0 ? rest : rest.substring(0, dot);
        if (!number.matches("[1-9][0-9]{0,8}")) {
          throw new SyntaxError("Invalid section");
        }
        part.append(part.length() == 0 ? "" : ".").append(number);
        rest = dot < 0 ? "" : rest.substring(dot + 1);
        if (dot >= 0 && rest.isEmpty()) {
          throw new SyntaxError("Invalid section");
        }
      }
      switch (rest.toUpperCase(Locale.ROOT)) {
        case "" -> text = Text.ALL;
        case "HEADER" -> text = Text.HEADER;
        case "TEXT" -> text = Text.TEXT;
        case "MIME" -> {
          if (part.length() == 0) {
            throw new SyntaxError("MIME needs a part number");
          }
          text = Text.MIME;
        }
        case "HEADER.FIELDS", "HEADER.FIELDS.NOT" -> {
          text = rest.length() > 13 ? Text.HEADER_FIELDS_NOT : Text.HEADER_FIELDS;
          in.sp();
          in.expect('(');
          var names = new ArrayList<String>();
          while (!in.consume(')')) {
            if (!names.isEmpty()) {
              in.sp();
            }
            names.add(in.astring());
          }
          if (names.isEmpty()) {
            throw new SyntaxError("Empty header field list");
          }
          fields = names;
        }
        default -> throw new SyntaxError("Invalid section");
      }
      in.expect(']');
    }
    return new Section(part.toString(), text, fields);
  }

  /** Section text up to "]" or a space: "1.2.HEADER.FIELDS". */
  private static String sectionAtom(ArgumentReader in) {
    var sb = new StringBuilder();
    while (in.peek() > 0x20 && in.peek() != ']' && in.peek() != '(' && in.peek() < 0x7f) {
      sb.append((char) in.peek());
      in.consume((char) in.peek());
    }
    return sb.toString();
  }
}
