package io.mailroom.mime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lenient cursor over a structured MIME header value (RFC 2045 tokens, quoted strings, comments
 * and {@code ; name=value} parameters). It never fails: what it cannot read it skips.
 */
final class StructuredValue {
  static final int MAX_PARAMETERS = 64;
  private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";
  private static final Pattern SECTION = Pattern.compile("(.+?)\\*(\\d{1,3})(\\*?)");

  /** A MIME parameter, name and value as the message has them. */
  record Parameter(String name, String value) {}

  private final String s;
  private int pos;

  StructuredValue(String s) {
    this.s = s == null ? "" : s;
  }

  boolean atEnd() {
    skipCfws();
    return pos >= s.length();
  }

  boolean consume(char c) {
    skipCfws();
    if (pos < s.length() && s.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  /** A run of token characters (RFC 2045), possibly empty. */
  String token() {
    skipCfws();
    int start = pos;
    while (pos < s.length() && isTokenChar(s.charAt(pos))) {
      pos++;
    }
    return s.substring(start, pos);
  }

  /** The parameters after the current position, RFC 2231 continuations joined. */
  List<Parameter> parameters() {
    List<Parameter> raw = new ArrayList<>();
    while (raw.size() < MAX_PARAMETERS * 4) {
      skipCfws();
      if (pos >= s.length()) {
        break;
      }
      if (s.charAt(pos) != ';') {
        skipPast(';');
        continue;
      }
      pos++;
      String name = token();
      if (name.isEmpty() || !consume('=')) {
        skipPast(';');
        continue;
      }
      skipCfws();
      raw.add(new Parameter(name, value()));
    }
    return joinContinuations(raw);
  }

  private String value() {
    if (pos < s.length() && s.charAt(pos) == '"') {
      return quoted();
    }
    int start = pos;
    while (pos < s.length() && isTokenChar(s.charAt(pos))) {
      pos++;
    }
    int tokenEnd = pos;
    int next = pos;
    while (next < s.length() && (s.charAt(next) == ' ' || s.charAt(next) == '\t')) {
      next++;
    }
    if (next < s.length() && s.charAt(next) != ';' && s.charAt(next) != '(') {
      // Lenient: mailers send unquoted spaces ("name=my file.pdf"); run to the next ';'.
      while (pos < s.length() && s.charAt(pos) != ';') {
        pos++;
      }
      String value = s.substring(start, pos).strip();
      int comment = value.endsWith(")") ? value.lastIndexOf(" (") : -1;
      return comment > 0 ? value.substring(0, comment).strip() : value;
    }
    return s.substring(start, tokenEnd);
  }

  private String quoted() {
    StringBuilder out = new StringBuilder();
    pos++;
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == '"') {
        break;
      }
      if (c == '\\' && pos < s.length()) {
        c = s.charAt(pos++);
      }
      out.append(c);
    }
    return out.toString();
  }

  private void skipPast(char c) {
    while (pos < s.length() && s.charAt(pos) != c) {
      if (s.charAt(pos) == '"') {
        quoted();
      } else {
        pos++;
      }
    }
  }

  void skipCfws() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        pos++;
      } else if (c == '(') {
        skipComment();
      } else {
        return;
      }
    }
  }

  private void skipComment() {
    int depth = 0;
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == '\\') {
        pos++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return;
      }
    }
  }

  static boolean isTokenChar(char c) {
    return c > ' ' && c < 0x7f && TSPECIALS.indexOf(c) < 0;
  }

  /**
   * Joins {@code name*0}, {@code name*1}... into one parameter, as Dovecot does: {@code name} when
   * no section is extended, else {@code name*} with the value still percent-encoded.
   */
  private static List<Parameter> joinContinuations(List<Parameter> raw) {
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (Parameter p : raw) {
      Matcher m = SECTION.matcher(p.name());
      if (!m.matches()) {
        ordered.putIfAbsent("=" + p.name(), p);
        continue;
      }
      String base = m.group(1);
      Continuation c =
          (Continuation) ordered.computeIfAbsent("*" + base, k -> new Continuation(base));
      c.sections.putIfAbsent(Integer.parseInt(m.group(2)), p.value());
      c.extended |= !m.group(3).isEmpty();
    }
    List<Parameter> out = new ArrayList<>();
    for (Object o : ordered.values()) {
      if (out.size() == MAX_PARAMETERS) {
        break;
      }
      out.add(o instanceof Parameter p ? p : ((Continuation) o).joined());
    }
    return out;
  }

  private static final class Continuation {
    final String base;
    final TreeMap<Integer, String> sections = new TreeMap<>();
    boolean extended;

    Continuation(String base) {
      this.base = base;
    }

    Parameter joined() {
      return new Parameter(extended ? base + "*" : base, String.join("", sections.values()));
    }
  }
}
