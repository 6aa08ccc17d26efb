package io.mailroom.filter.sieve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a script may look at: the header fields (raw, in order), the envelope, the size, and, only
 * when a body test needs it, the whole message.
 *
 * @param headers header fields in message order, values unfolded but not decoded
 * @param envelopeFrom SMTP MAIL FROM, "" when unknown
 * @param envelopeTo SMTP RCPT TO, "" when unknown
 * @param size RFC822.SIZE
 * @param rawMessage the whole message, present only when it was fetched
 * @param mailboxes existing mailbox names, present only when the script asks (mailboxexists)
 */
public record MessageView(
    List<HeaderField> headers,
    String envelopeFrom,
    String envelopeTo,
    long size,
    Optional<byte[]> rawMessage,
    Optional<Set<String>> mailboxes) {

  public MessageView {
    headers = List.copyOf(headers);
  }

  /** One header field. */
  public record HeaderField(String name, String value) {}

  /** All values of the named field, case-insensitively, in order. */
  public List<String> values(String name) {
    var found = new ArrayList<String>();
    for (var field : headers) {
      if (field.name().equalsIgnoreCase(name)) {
        found.add(field.value());
      }
    }
    return found;
  }

  /** Distinct field names in order of first appearance. */
  public List<String> names() {
    var seen = new java.util.LinkedHashMap<String, String>();
    for (var field : headers) {
      seen.putIfAbsent(field.name().toLowerCase(Locale.ROOT), field.name());
    }
    return List.copyOf(seen.values());
  }

  /**
   * Splits a raw header section (up to and without the blank line) into fields, unfolding
   * continuation lines. Lines without a colon are ignored, as a lenient reader would.
   */
  public static List<HeaderField> parseHeaderSection(String section) {
    var fields = new ArrayList<HeaderField>();
    String name = null;
    StringBuilder value = null;
    for (var line : section.split("\r\n|\n")) {
      if (line.isEmpty()) {
        break;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
        value.append(line);
        continue;
      }
      if (name != null) {
        fields.add(new HeaderField(name, value.toString().trim()));
        name = null;
      }
      var colon = line.indexOf(':');
      if (colon > 0) {
        name = line.substring(0, colon).trim();
        value = new StringBuilder(line.substring(colon + 1));
      }
    }
    if (name != null) {
      fields.add(new HeaderField(name, value.toString().trim()));
    }
    return fields;
  }
}
