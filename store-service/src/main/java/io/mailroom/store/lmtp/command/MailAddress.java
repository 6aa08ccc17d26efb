package io.mailroom.store.lmtp.command;

/**
 * A forward path from RCPT TO: {@code user@any.domain} or a bare {@code user}. The address goes to
 * the store as written, which resolves it to an account (the local part is the username); the
 * domain is not checked here, because the MTA in front decided that this host is the destination.
 *
 * @param address the address as the client wrote it, without angle brackets
 * @param localPart the local part, unquoted: the username, for the store's usual accounts
 */
public record MailAddress(String address, String localPart) {

  public MailAddress {
    if (address.isEmpty() || localPart.isEmpty()) {
      throw new IllegalArgumentException("empty address");
    }
  }

  /** Parses the text between the angle brackets; throws IllegalArgumentException if malformed. */
  public static MailAddress parse(String text) {
    String address = withoutSourceRoute(text);
    String local;
    String domain;
    if (address.startsWith("\"")) {
      int close = closingQuote(address);
      local = unquote(address.substring(1, close));
      String rest = address.substring(close + 1);
      if (rest.isEmpty()) {
        domain = null;
      } else if (rest.startsWith("@")) {
        domain = rest.substring(1);
      } else {
        throw new IllegalArgumentException("text after quoted local part");
      }
    } else {
      int at = address.lastIndexOf('@');
      local = at < 0 ? address : address.substring(0, at);
      domain = at < 0 ? null : address.substring(at + 1);
      requireAtomText(local);
    }
    if (domain != null) {
      requireAtomText(domain);
      if (domain.isEmpty() || domain.contains("@")) {
        throw new IllegalArgumentException("bad domain");
      }
    }
    return new MailAddress(address, local);
  }

  /** RFC 5321 4.1.2: "@a,@b:user@c" may still arrive; the route is to be ignored. */
  private static String withoutSourceRoute(String text) {
    if (text.startsWith("@")) {
      int colon = text.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("source route without ':'");
      }
      return text.substring(colon + 1);
    }
    return text;
  }

  private static int closingQuote(String address) {
    for (int i = 1; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    throw new IllegalArgumentException("unterminated quoted local part");
  }

  private static String unquote(String quoted) {
    var out = new StringBuilder(quoted.length());
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length()) {
        c = quoted.charAt(++i);
      }
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("control character in address");
      }
      out.append(c);
    }
    return out.toString();
  }

  private static void requireAtomText(String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c <= 0x20 || c == 0x7f || "<>()[],;:\\\"".indexOf(c) >= 0) {
        throw new IllegalArgumentException("invalid character in address");
      }
    }
  }
}
