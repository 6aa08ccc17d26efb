package io.mailroom.mime;

import java.util.List;

/**
 * The RFC 3501 ENVELOPE of a message (the top-level one, or one inside a message/rfc822 part).
 * Strings are the header values as the message has them (unfolded, RFC 2047 words left encoded);
 * the first occurrence of a field counts. Sender and Reply-To default to From (RFC 3501 7.4.2).
 *
 * @param from null when the field is missing or holds no address (then NIL)
 */
record Envelope(
    String date,
    String subject,
    List<Address> from,
    List<Address> sender,
    List<Address> replyTo,
    List<Address> to,
    List<Address> cc,
    List<Address> bcc,
    String inReplyTo,
    String messageId) {

  static Envelope from(List<HeaderField> fields) {
    return new Envelope(
        HeaderField.first(fields, "Date"),
        HeaderField.first(fields, "Subject"),
        addresses(fields, "From"),
        addresses(fields, "Sender"),
        addresses(fields, "Reply-To"),
        addresses(fields, "To"),
        addresses(fields, "Cc"),
        addresses(fields, "Bcc"),
        HeaderField.first(fields, "In-Reply-To"),
        HeaderField.first(fields, "Message-ID"));
  }

  private static List<Address> addresses(List<HeaderField> fields, String name) {
    String value = HeaderField.first(fields, name);
    if (value == null) {
      return null;
    }
    List<Address> list = AddressListParser.parse(value);
    return list.isEmpty() ? null : list;
  }

  /** The parenthesised ENVELOPE, ready to follow {@code ENVELOPE } in a FETCH response. */
  String render() {
    StringBuilder out = new StringBuilder(256);
    out.append('(');
    ImapStrings.appendNString(out, date);
    out.append(' ');
    ImapStrings.appendNString(out, subject);
    out.append(' ');
    appendList(out, from);
    out.append(' ');
    appendList(out, sender != null ? sender : from);
    out.append(' ');
    appendList(out, replyTo != null ? replyTo : from);
    out.append(' ');
    appendList(out, to);
    out.append(' ');
    appendList(out, cc);
    out.append(' ');
    appendList(out, bcc);
    out.append(' ');
    ImapStrings.appendNString(out, inReplyTo);
    out.append(' ');
    ImapStrings.appendNString(out, messageId);
    out.append(')');
    return out.toString();
  }

  private static void appendList(StringBuilder out, List<Address> list) {
    if (list == null) {
      out.append("NIL");
      return;
    }
    out.append('(');
    for (Address a : list) {
      if (a instanceof Address.Mailbox m) {
        out.append('(');
        ImapStrings.appendNString(out, m.name());
        out.append(' ');
        ImapStrings.appendNString(out, m.route());
        out.append(' ');
        ImapStrings.appendNString(out, m.mailbox());
        out.append(' ');
        ImapStrings.appendNString(out, m.host());
        out.append(')');
      } else if (a instanceof Address.GroupStart g) {
        out.append("(NIL NIL ");
        ImapStrings.appendNString(out, g.name());
        out.append(" NIL)");
      } else {
        out.append("(NIL NIL NIL NIL)");
      }
    }
    out.append(')');
  }
}
