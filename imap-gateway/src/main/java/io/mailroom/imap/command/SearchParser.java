package io.mailroom.imap.command;

import io.mailroom.imap.command.SearchKey.DateField;
import io.mailroom.imap.command.SearchKey.DateRelation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** SEARCH [CHARSET charset] keys; also UID SEARCH. */
public final class SearchParser {
  private SearchParser() {}

  /** A charset other than UTF-8 / US-ASCII: answered NO [BADCHARSET]. */
  public static final class UnsupportedCharset extends RuntimeException {
    public UnsupportedCharset(String charset) {
      super(charset, null, false, false);
    }
  }

  private static final int MAX_DEPTH = 32;

  static Command parse(ArgumentReader in, boolean uid) {
    in.sp();
    var keys = new ArrayList<SearchKey>();
    if (in.lookaheadWord().equalsIgnoreCase("CHARSET")) {
      in.atom();
      in.sp();
      String charset = in.astring().toUpperCase(Locale.ROOT);
      if (!charset.equals("UTF-8") && !charset.equals("US-ASCII")) {
        throw new UnsupportedCharset(charset);
      }
      in.sp();
    }
    keys.add(key(in, 0));
    while (in.spIfMore()) {
      keys.add(key(in, 0));
    }
    in.end();
    return new Command.Search(uid, keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys));
  }

  static SearchKey key(ArgumentReader in, int depth) {
    if (depth > MAX_DEPTH) {
      throw new SyntaxError("Search key nested too deeply");
    }
    if (in.consume('(')) {
      var keys = new ArrayList<SearchKey>();
      keys.add(key(in, depth + 1));
      while (!in.consume(')')) {
        in.sp();
        keys.add(key(in, depth + 1));
      }
      return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
    }
    int c = in.peek();
    if ((c >= '0' && c <= '9') || c == '*') {
      return new SearchKey.Sequence(SequenceSet.parse(in.word()));
    }
    String name = in.atom().toUpperCase(Locale.ROOT);
    return switch (name) {
      case "ALL" -> new SearchKey.All();
      case "ANSWERED" -> new SearchKey.Flag("\\Answered", true);
      case "DELETED" -> new SearchKey.Flag("\\Deleted", true);
      case "DRAFT" -> new SearchKey.Flag("\\Draft", true);
      case "FLAGGED" -> new SearchKey.Flag("\\Flagged", true);
      case "SEEN" -> new SearchKey.Flag("\\Seen", true);
      case "UNANSWERED" -> new SearchKey.Flag("\\Answered", false);
      case "UNDELETED" -> new SearchKey.Flag("\\Deleted", false);
      case "UNDRAFT" -> new SearchKey.Flag("\\Draft", false);
      case "UNFLAGGED" -> new SearchKey.Flag("\\Flagged", false);
      case "UNSEEN" -> new SearchKey.Flag("\\Seen", false);
      case "KEYWORD" -> new SearchKey.Flag(argAtom(in), true);
      case "UNKEYWORD" -> new SearchKey.Flag(argAtom(in), false);
      case "RECENT" -> new SearchKey.Recent(true);
      case "OLD" -> new SearchKey.Recent(false);
      case "NEW" ->
          new SearchKey.And(
              List.of(new SearchKey.Recent(true), new SearchKey.Flag("\\Seen", false)));
      case "BEFORE" -> date(in, DateField.INTERNAL, DateRelation.BEFORE);
      case "ON" -> date(in, DateField.INTERNAL, DateRelation.ON);
      case "SINCE" -> date(in, DateField.INTERNAL, DateRelation.SINCE);
      case "SENTBEFORE" -> date(in, DateField.SENT, DateRelation.BEFORE);
      case "SENTON" -> date(in, DateField.SENT, DateRelation.ON);
      case "SENTSINCE" -> date(in, DateField.SENT, DateRelation.SINCE);
      case "LARGER" -> new SearchKey.Size(true, argNumber(in));
      case "SMALLER" -> new SearchKey.Size(false, argNumber(in));
      case "FROM", "TO", "CC", "BCC", "SUBJECT" -> new SearchKey.Header(capital(name), arg(in));
      case "HEADER" -> {
        String field = arg(in);
        yield new SearchKey.Header(field, arg(in));
      }
      case "BODY" -> new SearchKey.Body(arg(in));
      case "TEXT" -> new SearchKey.Text(arg(in));
      case "UID" -> {
        in.sp();
        yield new SearchKey.Uids(SequenceSet.parse(in.word()));
      }
      case "MODSEQ" -> {
        // MODSEQ ["/flags/\\Seen" priv|shared|all] n: we keep one MODSEQ per message, which
        // RFC 7162 3.1.5 allows a server to use for every entry.
        in.sp();
        if (in.peek() == '"') {
          in.astring();
          in.sp();
          String type = in.atom().toLowerCase(Locale.ROOT);
          if (!type.equals("priv") && !type.equals("shared") && !type.equals("all")) {
            throw new SyntaxError("Invalid MODSEQ entry type");
          }
          in.sp();
        }
        yield new SearchKey.ModSeq(in.number());
      }
      case "NOT" -> {
        in.sp();
        yield new SearchKey.Not(key(in, depth + 1));
      }
      case "OR" -> {
        in.sp();
        SearchKey left = key(in, depth + 1);
        in.sp();
        yield new SearchKey.Or(left, key(in, depth + 1));
      }
      default -> throw new SyntaxError("Unknown search key " + name);
    };
  }

  private static String capital(String name) {
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }

  private static SearchKey date(ArgumentReader in, DateField field, DateRelation relation) {
    in.sp();
    String text = new String(in.astringBytes(), StandardCharsets.US_ASCII);
    return new SearchKey.Date(field, relation, ImapDates.parseDate(text));
  }

  private static String arg(ArgumentReader in) {
    in.sp();
    return in.astring();
  }

  private static String argAtom(ArgumentReader in) {
    in.sp();
    return in.flag();
  }

  private static long argNumber(ArgumentReader in) {
    in.sp();
    return in.number();
  }
}
