package io.mailroom.store.testkit;

import io.grpc.Status;
import io.mailroom.store.api.v1.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Mailbox names as the real store reads them (its MailboxName and MailboxPattern): "/" between
 * levels, at most 255 octets, no control character, no empty level, "INBOX" case-insensitive.
 */
final class MailboxNames {
  private MailboxNames() {}

  /** The name as stored, or INVALID_NAME. */
  static String valid(String name) {
    if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > 255) {
      throw invalid();
    }
    if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw invalid();
    }
    for (String level : name.split("/", -1)) {
      if (level.isEmpty()) {
        throw invalid();
      }
    }
    return normal(name);
  }

  /** INBOX, and INBOX's children, spelled "INBOX" whatever the case asked. */
  static String normal(String name) {
    int slash = name.indexOf('/');
    String first = slash < 0 ? name : name.substring(0, slash);
    return first.equalsIgnoreCase("INBOX") ? "INBOX" + name.substring(first.length()) : name;
  }

  /** The ancestors, outermost first: "a/b/c" gives "a", "a/b". */
  static List<String> ancestors(String name) {
    var result = new ArrayList<String>();
    for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
      result.add(name.substring(0, i));
    }
    return result;
  }

  static boolean isInferior(String name, String of) {
    return name.startsWith(of + "/");
  }

  /** An IMAP LIST reference + pattern: "*" matches anything, "%" anything but the delimiter. */
  static Pattern pattern(String reference, String pattern) {
    String full = normal(reference + pattern);
    var re = new StringBuilder();
    for (char c : full.toCharArray()) {
      re.append(c == '*' ? ".*" : c == '%' ? "[^/]*" : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  private static RuntimeException invalid() {
    return StoreErrors.refusal(Status.INVALID_ARGUMENT, ErrorCode.INVALID_NAME, "bad mailbox name");
  }
}
