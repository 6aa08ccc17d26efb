package io.mailroom.store.mailbox;

import java.util.regex.Pattern;

/** An IMAP LIST reference + pattern: "*" matches anything, "%" anything but the delimiter. */
record MailboxPattern(Pattern regex) {

  static MailboxPattern of(String reference, String pattern) {
    String full = reference + pattern;
    int slash = full.indexOf('/');
    String first = slash < 0 ? full : full.substring(0, slash);
    if (first.equalsIgnoreCase(MailboxName.INBOX)) {
      full = MailboxName.INBOX + full.substring(first.length());
    }
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < full.length(); i++) {
      char c = full.charAt(i);
      if (c == '*') {
        re.append(".*");
      } else if (c == '%') {
        re.append("[^/]*");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new MailboxPattern(Pattern.compile(re.toString(), Pattern.DOTALL));
  }

  boolean matches(String name) {
    return regex.matcher(name).matches();
  }
}
