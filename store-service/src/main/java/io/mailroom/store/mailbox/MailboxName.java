package io.mailroom.store.mailbox;

import io.mailroom.store.StoreFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A mailbox name: UTF-8, "/" between levels, at most 255 octets, no control characters, no empty
 * level. "INBOX" is case-insensitive and always spelled "INBOX" here.
 */
public record MailboxName(String value) {
  public static final String DELIMITER = "/";
  public static final String INBOX = "INBOX";
  private static final int MAX_OCTETS = 255;

  public MailboxName {
    if (value == null || value.isEmpty()) {
      throw invalid("mailbox name is empty");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_OCTETS) {
      throw invalid("mailbox name is longer than 255 octets");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validSurrogate(value, i)) {
        throw invalid("mailbox name contains a control character or broken encoding");
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    for (String level : value.split(DELIMITER, -1)) {
      if (level.isEmpty()) {
        throw invalid("mailbox name has an empty hierarchy level");
      }
    }
    int slash = value.indexOf('/');
    String first = slash < 0 ? value : value.substring(0, slash);
    if (first.equalsIgnoreCase(INBOX) && !first.equals(INBOX)) {
      value = INBOX + value.substring(first.length());
    }
  }

  public static MailboxName of(String value) {
    return new MailboxName(value);
  }

  public boolean isInbox() {
    return value.equals(INBOX);
  }

  /** The ancestors, outermost first: "a/b/c" gives "a", "a/b". */
  public List<MailboxName> ancestors() {
    List<MailboxName> result = new ArrayList<>();
    int i = value.indexOf('/');
    while (i > 0) {
      result.add(new MailboxName(value.substring(0, i)));
      i = value.indexOf('/', i + 1);
    }
    return result;
  }

  public boolean isInferiorOf(MailboxName other) {
    return value.startsWith(other.value + DELIMITER);
  }

  private static boolean validSurrogate(String s, int i) {
    return Character.isHighSurrogate(s.charAt(i))
        && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1));
  }

  private static StoreFailure invalid(String why) {
    return new StoreFailure(StoreFailure.Reason.INVALID_NAME, why);
  }

  @Override
  public String toString() {
    return value;
  }
}
