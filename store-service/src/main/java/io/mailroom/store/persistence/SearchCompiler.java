package io.mailroom.store.persistence;

import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.message.Flags;
import io.mailroom.store.message.SearchTerm;
import java.util.List;
import java.util.Map;

/**
 * Turns a search tree into one SQL condition over {@code mm} (mailbox_message) and {@code c}
 * (content). Every client value is a bind parameter; only fixed SQL is concatenated.
 */
final class SearchCompiler {
  private static final int MAX_NODES = 500;
  private static final int MAX_DEPTH = 32;
  private static final Map<String, String> HEADER_COLUMNS =
      Map.of(
          "subject", "c.subject",
          "from", "c.from_addr",
          "to", "c.to_addr",
          "cc", "c.cc_addr",
          "bcc", "c.bcc_addr",
          "message-id", "c.message_id");
  private static final String INTERNAL_DAY =
      "((mm.internal_date at time zone 'UTC') + mm.internal_date_offset * interval '1 minute')::date";

  /** The Date: header's calendar day in its own time zone (RFC 3501 6.4.4). */
  private static final String SENT_DAY =
      "((c.sent_date at time zone 'UTC') + c.sent_date_offset * interval '1 minute')::date";

  private final List<Object> params;
  private int nodes;

  private SearchCompiler(List<Object> params) {
    this.params = params;
  }

  /** The condition; params must already hold the mailbox id as $1. */
  static String compile(SearchTerm term, List<Object> params) {
    return new SearchCompiler(params).sql(term, 0);
  }

  private String sql(SearchTerm t, int depth) {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
      throw new StoreFailure(Reason.BAD_REQUEST, "search key too complex");
    }
    return switch (t.kind()) {
      case ALL -> "true";
      case NONE -> "false";
      case FLAG_SET -> bind(flag(t.text())) + " = any(mm.flags)";
      case FLAG_UNSET -> "not (" + bind(flag(t.text())) + " = any(mm.flags))";
      case BEFORE -> INTERNAL_DAY + " < " + bind(date(t));
      case ON -> INTERNAL_DAY + " = " + bind(date(t));
      case SINCE -> INTERNAL_DAY + " >= " + bind(date(t));
      case SENT_BEFORE -> SENT_DAY + " < " + bind(date(t));
      case SENT_ON -> SENT_DAY + " = " + bind(date(t));
      case SENT_SINCE -> SENT_DAY + " >= " + bind(date(t));
      case LARGER -> "c.size > " + bind(t.number());
      case SMALLER -> "c.size < " + bind(t.number());
      case MODSEQ -> "mm.modseq >= " + bind(t.number());
      case UID -> UidSetSql.condition(t.uids(), params, "$1");
      case HEADER -> header(t.headerName(), t.text());
      case BODY -> body(t.text());
      case TEXT -> "(" + body(t.text()) + " or c.header_text ilike " + bind(like(t.text())) + ")";
      case AND -> join(t.children(), " and ", "true", depth);
      case OR -> join(t.children(), " or ", "false", depth);
      case NOT -> {
        if (t.children().size() != 1) {
          throw new StoreFailure(Reason.BAD_REQUEST, "NOT takes one key");
        }
        yield "not coalesce(" + sql(t.children().get(0), depth + 1) + ", false)";
      }
    };
  }

  private String join(List<SearchTerm> children, String op, String empty, int depth) {
    if (children.isEmpty()) {
      return empty;
    }
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < children.size(); i++) {
      if (i > 0) {
        sb.append(op);
      }
      sb.append("coalesce(").append(sql(children.get(i), depth + 1)).append(", false)");
    }
    return sb.append(")").toString();
  }

  /** Known headers use their decoded column; any other header a regex over the header block. */
  private String header(String name, String text) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    if (lower.isEmpty() || !lower.matches("[!-9;-~]+")) {
      throw new StoreFailure(Reason.BAD_REQUEST, "bad header name");
    }
    String column = HEADER_COLUMNS.get(lower);
    if (column != null && !text.isEmpty()) {
      return column + " ilike " + bind(like(text));
    }
    String regex = "(^|\\n)" + regexQuote(lower) + "[ \\t]*:[^\\n]*" + regexQuote(text);
    return "c.header_text ~* " + bind(regex);
  }

  private String body(String text) {
    String like = bind(like(text));
    String words = bind(text);
    return "(c.search_vector @@ plainto_tsquery('simple', "
        + words
        + ") or c.search_text ilike "
        + like
        + ")";
  }

  private String bind(Object value) {
    params.add(value);
    return Sql.last(params);
  }

  private static String flag(String text) {
    return Flags.of(List.of(text)).values().isEmpty()
        ? "\\Recent"
        : Flags.of(List.of(text)).values().get(0);
  }

  private static java.time.LocalDate date(SearchTerm t) {
    if (t.date() == null) {
      throw new StoreFailure(Reason.BAD_REQUEST, "date missing");
    }
    return t.date();
  }

  private static String like(String text) {
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private static String regexQuote(String text) {
    StringBuilder sb = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (Character.isLetterOrDigit(c) || c == ' ') {
        sb.append(c);
      } else {
        sb.append('\\').append(c);
      }
    }
    return sb.toString();
  }
}
