package io.mailroom.imap.command;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** IMAP's date (SEARCH) and date-time (APPEND, INTERNALDATE) formats. */
public final class ImapDates {
  private ImapDates() {}

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);

  public static LocalDate parseDate(String text) {
    try {
      return LocalDate.parse(capitalized(text), DATE);
    } catch (DateTimeParseException e) {
      throw new SyntaxError("Invalid date");
    }
  }

  public static OffsetDateTime parseDateTime(String text) {
    String t = text.length() > 0 && text.charAt(0) == ' ' ? "0" + text.substring(1) : text;
    try {
      return OffsetDateTime.parse(capitalized(t), DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new SyntaxError("Invalid date-time");
    }
  }

  public static String formatDateTime(long epochMs, int offsetMinutes) {
    var offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
    return OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(epochMs), offset)
        .format(DATE_TIME);
  }

  /** Month names are case-insensitive on the wire; the formatter wants "Jan". */
  private static String capitalized(String text) {
    int dash = text.indexOf('-');
    if (dash < 0 || text.length() < dash + 4) {
      return text;
    }
    return text.substring(0, dash + 1)
        + Character.toUpperCase(text.charAt(dash + 1))
        + text.substring(dash + 2, dash + 4).toLowerCase(Locale.ROOT)
        + text.substring(dash + 4);
  }
}
