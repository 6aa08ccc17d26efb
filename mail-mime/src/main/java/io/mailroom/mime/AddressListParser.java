package io.mailroom.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * A lenient RFC 5322 address-list parser that keeps display names raw (RFC 2047 words still
 * encoded), since the ENVELOPE sends them that way. Like Dovecot it fills a missing local part or
 * domain with {@code MISSING_MAILBOX} / {@code MISSING_DOMAIN} rather than failing, and takes a
 * trailing comment as the name of a bare addr-spec ({@code a@b (Name)}).
 */
final class AddressListParser {
  static final int MAX_ADDRESSES = 1000;
  private static final String SPECIALS = "()<>[]:;@\\,.\"";

  private enum Kind {
    WORD,
    COMMENT,
    SPECIAL
  }

  private record Token(Kind kind, String text, boolean spaceBefore) {
    boolean is(char c) {
      return kind == Kind.SPECIAL && text.charAt(0) == c;
    }
  }

  private AddressListParser() {}

  static List<Address> parse(String value) {
    List<Token> tokens = tokenize(value);
    List<Address> out = new ArrayList<>();
    boolean inGroup = false;
    int i = 0;
    while (i < tokens.size() && out.size() < MAX_ADDRESSES) {
      Token t = tokens.get(i);
      if (t.is(',')) {
        i++;
        continue;
      }
      if (t.is(';')) {
        if (inGroup) {
          out.add(new Address.GroupEnd());
          inGroup = false;
        }
        i++;
        continue;
      }
      int depth = 0;
      boolean angle = false;
      int j = i;
      int colon = -1;
      for (; j < tokens.size(); j++) {
        Token tj = tokens.get(j);
        if (tj.is('<')) {
          depth++;
          angle = true;
        } else if (tj.is('>')) {
          depth = Math.max(0, depth - 1);
        } else if (depth == 0 && (tj.is(',') || tj.is(';'))) {
          break;
        } else if (depth == 0 && tj.is(':') && !angle && !inGroup) {
          colon = j;
          break;
        }
      }
      if (colon >= 0) {
        String name = phrase(tokens.subList(i, colon));
        out.add(new Address.GroupStart(name == null ? "" : name));
        inGroup = true;
        i = colon + 1;
        continue;
      }
      Address.Mailbox mailbox = mailbox(tokens.subList(i, j));
      if (mailbox != null) {
        out.add(mailbox);
      }
      i = j;
    }
    if (inGroup) {
      out.add(new Address.GroupEnd());
    }
    return out;
  }

  private static Address.Mailbox mailbox(List<Token> tokens) {
    int lt = -1;
    for (int k = 0; k < tokens.size() && lt < 0; k++) {
      if (tokens.get(k).is('<')) {
        lt = k;
      }
    }
    if (lt < 0) {
      List<Token> words = new ArrayList<>();
      String comment = null;
      for (Token t : tokens) {
        if (t.kind == Kind.COMMENT) {
          comment = t.text.isBlank() ? comment : t.text;
        } else {
          words.add(t);
        }
      }
      if (words.isEmpty()) {
        return null;
      }
      return addrSpec(comment, null, words);
    }
    int gt = tokens.size();
    for (int k = lt + 1; k < tokens.size(); k++) {
      if (tokens.get(k).is('>')) {
        gt = k;
        break;
      }
    }
    List<Token> inner = new ArrayList<>();
    for (Token t : tokens.subList(lt + 1, gt)) {
      if (t.kind != Kind.COMMENT) {
        inner.add(t);
      }
    }
    String route = null;
    for (int k = 0; k < inner.size(); k++) {
      if (inner.get(k).is(':')) {
        route = concat(inner.subList(0, k), false);
        inner = inner.subList(k + 1, inner.size());
        break;
      }
    }
    return addrSpec(phrase(tokens.subList(0, lt)), route, inner);
  }

  private static Address.Mailbox addrSpec(String name, String route, List<Token> words) {
    int at = -1;
    for (int k = words.size() - 1; k >= 0 && at < 0; k--) {
      if (words.get(k).is('@')) {
        at = k;
      }
    }
    String local = concat(at < 0 ? words : words.subList(0, at), true);
    String domain = at < 0 ? "" : concat(words.subList(at + 1, words.size()), false);
    return new Address.Mailbox(
        name,
        route,
        local.isEmpty() ? "MISSING_MAILBOX" : local,
        domain.isEmpty() ? "MISSING_DOMAIN" : domain);
  }

  /** Words of a display name joined with single spaces; null when there are none. */
  private static String phrase(List<Token> tokens) {
    StringBuilder out = new StringBuilder();
    for (Token t : tokens) {
      if (t.kind == Kind.COMMENT) {
        continue;
      }
      if (out.length() > 0 && t.spaceBefore) {
        out.append(' ');
      }
      out.append(t.text);
    }
    return out.length() == 0 ? null : out.toString();
  }

  private static String concat(List<Token> tokens, boolean keepSpaces) {
    StringBuilder out = new StringBuilder();
    for (Token t : tokens) {
      if (keepSpaces && out.length() > 0 && t.spaceBefore) {
        out.append(' ');
      }
      out.append(t.text);
    }
    return out.toString();
  }

  private static List<Token> tokenize(String s) {
    List<Token> tokens = new ArrayList<>();
    int pos = 0;
    boolean space = false;
    while (pos < s.length() && tokens.size() < MAX_ADDRESSES * 16) {
      char c = s.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        space = true;
        pos++;
        continue;
      }
      if (c == '"') {
        StringBuilder text = new StringBuilder();
        pos++;
        while (pos < s.length() && s.charAt(pos) != '"') {
          char q = s.charAt(pos++);
          if (q == '\\' && pos < s.length()) {
            q = s.charAt(pos++);
          }
          text.append(q);
        }
        pos++;
        tokens.add(new Token(Kind.WORD, text.toString(), space));
      } else if (c == '(') {
        int depth = 0;
        StringBuilder text = new StringBuilder();
        while (pos < s.length()) {
          char q = s.charAt(pos++);
          if (q == '\\' && pos < s.length()) {
            text.append(s.charAt(pos++));
            continue;
          }
          if (q == '(' && depth++ == 0) {
            continue;
          }
          if (q == ')' && --depth == 0) {
            break;
          }
          text.append(q);
        }
        tokens.add(new Token(Kind.COMMENT, text.toString().strip(), space));
      } else if (c == '[') {
        int end = s.indexOf(']', pos);
        end = end < 0 ? s.length() : end + 1;
        tokens.add(new Token(Kind.WORD, s.substring(pos, end), space));
        pos = end;
      } else if (SPECIALS.indexOf(c) >= 0) {
        tokens.add(new Token(Kind.SPECIAL, String.valueOf(c), space));
        pos++;
      } else {
        int start = pos;
        while (pos < s.length()) {
          char a = s.charAt(pos);
          if (a == ' ' || a == '\t' || a == '\r' || a == '\n' || SPECIALS.indexOf(a) >= 0) {
            break;
          }
          pos++;
        }
        tokens.add(new Token(Kind.WORD, s.substring(start, pos), space));
      }
      space = false;
    }
    return tokens;
  }
}
