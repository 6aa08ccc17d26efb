package io.mailroom.bench.imap;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the data of untagged responses: parenthesized lists of atoms, numbers, quoted strings and
 * literals, as FETCH, STATUS, LIST and SEARCH return them. Atoms and quoted strings become Strings,
 * NIL becomes null, a literal becomes its Buffer and a list a {@code List<Object>}. A FETCH item
 * name keeps its section, spaces and all: {@code BODY[HEADER.FIELDS (SUBJECT)]}.
 */
public final class ImapValues {

  private final String text;
  private final List<Buffer> literals;
  private int pos;
  private int nextLiteral;

  private ImapValues(String text, List<Buffer> literals, int start) {
    this.text = text;
    this.literals = literals;
    this.pos = start;
  }

  /** A parse of a response the driver did not expect; its message says where. */
  public static final class Unparseable extends RuntimeException {
    Unparseable(String message) {
      super(message, null, false, false);
    }
  }

  /** One {@code * n FETCH (...)} response: its sequence number and its items by upper-case name. */
  public record Fetch(long seq, Map<String, Object> items) {

    public long uid() {
      Object uid = items.get("UID");
      return uid instanceof String s ? Long.parseLong(s) : -1;
    }

    /** The FLAGS item without \Recent, or null when the response has none. */
    public List<String> flags() {
      Object flags = items.get("FLAGS");
      if (!(flags instanceof List<?> list)) {
        return null;
      }
      List<String> out = new ArrayList<>();
      for (Object flag : list) {
        if (flag instanceof String s && !s.equalsIgnoreCase("\\Recent")) {
          out.add(s);
        }
      }
      return out;
    }

    /** The first item whose name starts with the prefix (e.g. "BODY[" for BODY.PEEK[] data). */
    public Object item(String prefix) {
      for (Map.Entry<String, Object> e : items.entrySet()) {
        if (e.getKey().startsWith(prefix)) {
          return e.getValue();
        }
      }
      return null;
    }
  }

  /** The UID and FLAGS items of one FETCH response. */
  public record UidFlags(long uid, List<String> flags) {}

  /**
   * UID and FLAGS of a FETCH response that carries only such atoms, found with indexOf rather than
   * a full parse: a FETCH FLAGS of a whole mailbox is one such line per message, and the driver
   * must stay cheap next to the server. Null when the response is not a FETCH or lacks either.
   * \Recent is left out, as in {@link Fetch#flags()}.
   */
  public static UidFlags uidAndFlags(ImapResponse response) {
    if (response.numbered("FETCH") < 0) {
      return null;
    }
    String text = response.text();
    int uidAt = itemAt(text, "UID ");
    int flagsAt = itemAt(text, "FLAGS (");
    if (uidAt < 0 || flagsAt < 0) {
      return null;
    }
    long uid = 0;
    int i = uidAt + 4;
    int digits = 0;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      uid = uid * 10 + (text.charAt(i++) - '0');
      digits++;
    }
    int close = text.indexOf(')', flagsAt);
    if (digits == 0 || close < 0) {
      return null;
    }
    List<String> flags = new ArrayList<>(4);
    int start = flagsAt + 7;
    while (start < close) {
      int space = text.indexOf(' ', start);
      int end = space < 0 || space > close ? close : space;
      if (end > start && !text.regionMatches(true, start, "\\Recent", 0, end - start)) {
        flags.add(text.substring(start, end));
      }
      start = end + 1;
    }
    return new UidFlags(uid, flags);
  }

  /** Where an item name starts in a FETCH response, after "(" or a space; -1 if absent. */
  private static int itemAt(String text, String item) {
    int at = text.indexOf(item);
    while (at > 0 && text.charAt(at - 1) != '(' && text.charAt(at - 1) != ' ') {
      at = text.indexOf(item, at + 1);
    }
    return at;
  }

  /** Parses an untagged FETCH response, or returns null if the response is not one. */
  public static Fetch fetch(ImapResponse response) {
    long seq = response.numbered("FETCH");
    if (seq < 0) {
      return null;
    }
    String text = response.text();
    int open = text.indexOf('(');
    if (open < 0) {
      throw new Unparseable("FETCH without items: " + response);
    }
    ImapValues values = new ImapValues(text, response.literals(), open);
    List<Object> list = values.list();
    Map<String, Object> items = new LinkedHashMap<>();
    for (int i = 0; i + 1 < list.size(); i += 2) {
      if (!(list.get(i) instanceof String name)) {
        throw new Unparseable("FETCH item name is not an atom: " + response);
      }
      items.put(name.toUpperCase(Locale.ROOT), list.get(i + 1));
    }
    return new Fetch(seq, items);
  }

  /**
   * The values after the first word of an untagged response: for {@code STATUS "x" (MESSAGES 3)}
   * ["x", [MESSAGES, 3]], for {@code LIST (\HasNoChildren) "/" INBOX} [[\HasNoChildren], "/",
   * INBOX], for {@code SEARCH 2 5} [2, 5].
   */
  public static List<Object> data(ImapResponse response) {
    String text = response.text();
    int space = text.indexOf(' ');
    if (space < 0) {
      return List.of();
    }
    ImapValues values = new ImapValues(text, response.literals(), space + 1);
    List<Object> out = new ArrayList<>();
    while (values.skipSpaces()) {
      out.add(values.value());
    }
    return out;
  }

  /** The numbers of a {@code * SEARCH} response. */
  public static List<Long> searchResults(ImapResponse response) {
    List<Long> out = new ArrayList<>();
    for (Object value : data(response)) {
      if (value instanceof String s && !s.isEmpty() && Character.isDigit(s.charAt(0))) {
        out.add(Long.parseLong(s));
      }
    }
    return out;
  }

  /** A STATUS response's attributes, e.g. {MESSAGES=3, UIDNEXT=10}. */
  public static Map<String, Long> status(ImapResponse response) {
    List<Object> data = data(response);
    Map<String, Long> out = new LinkedHashMap<>();
    if (data.size() >= 2 && data.get(data.size() - 1) instanceof List<?> attributes) {
      for (int i = 0; i + 1 < attributes.size(); i += 2) {
        out.put(
            String.valueOf(attributes.get(i)).toUpperCase(Locale.ROOT),
            Long.parseLong(String.valueOf(attributes.get(i + 1))));
      }
    }
    return out;
  }

  private boolean skipSpaces() {
    while (pos < text.length() && text.charAt(pos) == ' ') {
      pos++;
    }
    return pos < text.length();
  }

  private List<Object> list() {
    expect('(');
    List<Object> out = new ArrayList<>();
    while (true) {
      if (!skipSpaces()) {
        throw new Unparseable("unclosed list in: " + text);
      }
      if (text.charAt(pos) == ')') {
        pos++;
        return out;
      }
      out.add(value());
    }
  }

  private Object value() {
    char c = text.charAt(pos);
    if (c == '(') {
      return list();
    }
    if (c == '"') {
      return quoted();
    }
    if (c == '{') {
      int close = text.indexOf('}', pos);
      if (close < 0 || nextLiteral >= literals.size()) {
        throw new Unparseable("literal marker without literal in: " + text);
      }
      pos = close + 1;
      return literals.get(nextLiteral++);
    }
    String atom = atom();
    return atom.equalsIgnoreCase("NIL") ? null : atom;
  }

  private String quoted() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\' && pos < text.length()) {
        c = text.charAt(pos++);
      }
      out.append(c);
    }
    throw new Unparseable("unclosed quoted string in: " + text);
  }

  /** An atom, with a bracketed section (and its spaces) kept whole: BODY[HEADER.FIELDS (A B)]. */
  private String atom() {
    int start = pos;
    int depth = 0;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (depth == 0 && (c == ' ' || c == '(' || c == ')')) {
        break;
      }
      pos++;
    }
    if (pos == start) {
      throw new Unparseable("expected a value at " + pos + " in: " + text);
    }
    return text.substring(start, pos);
  }

  private void expect(char c) {
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw new Unparseable("expected '" + c + "' at " + pos + " in: " + text);
    }
    pos++;
  }
}
