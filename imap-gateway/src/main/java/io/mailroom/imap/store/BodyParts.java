package io.mailroom.imap.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which part numbers a message has, read from its BODYSTRUCTURE (RFC 3501 6.4.5 and 7.4.2).
 *
 * <p>The store answers a section of a part that does not exist with an empty section, the same as
 * an existing part without octets; the structure tells the two apart, so that the first can be
 * answered NIL as Dovecot does.
 */
public final class BodyParts {
  /** A structure that could not be read: every part is taken to exist (the store decides). */
  private static final BodyParts UNKNOWN = new BodyParts(null);

  private final Node root;

  private BodyParts(Node root) {
    this.root = root;
  }

  /** The parts of {@code bodyStructure} ("(...)" as the store sends it); never fails. */
  public static BodyParts of(String bodyStructure) {
    if (bodyStructure == null || bodyStructure.isEmpty()) {
      return UNKNOWN;
    }
    try {
      var reader = new Reader(bodyStructure.getBytes(StandardCharsets.UTF_8));
      Node root = reader.body(0);
      return new BodyParts(root);
    } catch (RuntimeException malformed) {
      return UNKNOWN;
    }
  }

  /**
   * Whether part {@code path} ("1", "2.1.3"; "" is the whole message) exists. Part 1 of a
   * non-multipart message is its body; the parts of a message/rfc822 part are those of the message
   * it encapsulates.
   */
  public boolean exists(String path) {
    if (root == null || path.isEmpty()) {
      return true;
    }
    List<Node> level = root.multipart() ? root.children() : List.of(root);
    for (String number : path.split("\\.")) {
      int n;
      try {
        n = Integer.parseInt(number);
      } catch (NumberFormatException e) {
        return false;
      }
      if (n < 1 || n > level.size()) {
        return false;
      }
      level = level.get(n - 1).subparts();
    }
    return true;
  }

  /** A body: multipart with children, message/rfc822 with the message inside, or a leaf. */
  private record Node(boolean multipart, List<Node> children, Node encapsulated) {
    List<Node> subparts() {
      if (multipart) {
        return children;
      }
      if (encapsulated != null) {
        return encapsulated.multipart ? encapsulated.children : List.of(encapsulated);
      }
      return List.of();
    }
  }

  /** Just enough of the IMAP response grammar: lists, atoms, quoted strings and literals. */
  private static final class Reader {
    private static final int MAX_DEPTH = 100;
    private final byte[] in;
    private int at;

    Reader(byte[] in) {
      this.in = in;
    }

    Node body(int depth) {
      if (depth > MAX_DEPTH) {
        throw new IllegalArgumentException("too deep");
      }
      expect('(');
      skipSpaces();
      if (peek() == '(') {
        var children = new ArrayList<Node>();
        while (peek() == '(') {
          children.add(body(depth + 1));
          skipSpaces();
        }
        skipRest();
        return new Node(true, children, null);
      }
      String type = string();
      skipSpaces();
      String subtype = string();
      Node encapsulated = null;
      if ("message".equalsIgnoreCase(type) && "rfc822".equalsIgnoreCase(subtype)) {
        for (int i = 0; i < 6; i++) { // parameters, id, description, encoding, size, envelope
          skipSpaces();
          skipValue();
        }
        skipSpaces();
        encapsulated = body(depth + 1);
      }
      skipRest();
      return new Node(false, List.of(), encapsulated);
    }

    /** The remaining values of the current list, and its ")". */
    private void skipRest() {
      skipSpaces();
      while (peek() != ')') {
        skipValue();
        skipSpaces();
      }
      at++;
    }

    private void skipValue() {
      int c = peek();
      if (c == '(') {
        at++;
        skipRest();
      } else {
        string();
      }
    }

    /** A quoted string, a literal, or an atom (NIL, a number), lower-cased. */
    private String string() {
      int c = peek();
      if (c == '"') {
        var sb = new StringBuilder();
        at++;
        while (in[at] != '"') {
          if (in[at] == '\\') {
            at++;
          }
          sb.append((char) in[at++]);
        }
        at++;
        return sb.toString().toLowerCase(Locale.ROOT);
      }
      if (c == '{') {
        int close = at;
        while (in[close] != '}') {
          close++;
        }
        int length =
            Integer.parseInt(new String(in, at + 1, close - at - 1, StandardCharsets.US_ASCII));
        int start = close + 3; // "}\r\n"
        at = start + length;
        return new String(in, start, length, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
      }
      int start = at;
      while (at < in.length && in[at] != ' ' && in[at] != '(' && in[at] != ')') {
        at++;
      }
      if (at == start) {
        throw new IllegalArgumentException("value expected at " + at);
      }
      return new String(in, start, at - start, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw new IllegalArgumentException("'" + c + "' expected at " + at);
      }
      at++;
    }

    private int peek() {
      if (at >= in.length) {
        throw new IllegalArgumentException("unexpected end");
      }
      return in[at];
    }

    private void skipSpaces() {
      while (at < in.length && in[at] == ' ') {
        at++;
      }
    }
  }
}
