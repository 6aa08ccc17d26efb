package io.mailroom.imap.fake;

import io.mailroom.store.api.v1.SearchKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The fake store's reading of a SearchKey: whether one message matches it. */
final class FakeSearch {
  private FakeSearch() {}

  static boolean matches(FakeStore.Message m, SearchKey key) {
    return switch (key.getKind()) {
      case SEARCH_KIND_ALL -> true;
      case SEARCH_KIND_NONE -> false;
      case SEARCH_KIND_FLAG_SET -> m.flags.contains(key.getText());
      case SEARCH_KIND_FLAG_UNSET -> !m.flags.contains(key.getText());
      case SEARCH_KIND_UID -> {
        boolean in = false;
        for (var r : key.getUids().getRangesList()) {
          long last = Integer.toUnsignedLong(r.getLast());
          in |= m.uid >= Integer.toUnsignedLong(r.getFirst()) && m.uid <= last;
        }
        yield in;
      }
      case SEARCH_KIND_AND -> key.getChildrenList().stream().allMatch(k -> matches(m, k));
      case SEARCH_KIND_OR -> key.getChildrenList().stream().anyMatch(k -> matches(m, k));
      case SEARCH_KIND_NOT -> !matches(m, key.getChildren(0));
      case SEARCH_KIND_LARGER -> m.bytes.length > key.getNumber();
      case SEARCH_KIND_SMALLER -> m.bytes.length < key.getNumber();
      case SEARCH_KIND_MODSEQ -> m.modseq >= key.getNumber();
      case SEARCH_KIND_HEADER -> {
        String value = m.mime.fields().get(key.getHeaderName().toLowerCase(Locale.ROOT));
        yield value != null && contains(value, key.getText());
      }
      case SEARCH_KIND_BODY ->
          contains(new String(m.mime.body(), StandardCharsets.UTF_8), key.getText());
      case SEARCH_KIND_TEXT -> contains(new String(m.bytes, StandardCharsets.UTF_8), key.getText());
      case SEARCH_KIND_BEFORE -> day(m.internalDate) < key.getDateEpochDay();
      case SEARCH_KIND_ON -> day(m.internalDate) == key.getDateEpochDay();
      case SEARCH_KIND_SINCE -> day(m.internalDate) >= key.getDateEpochDay();
      case SEARCH_KIND_SENT_BEFORE -> sentDay(m) < key.getDateEpochDay();
      case SEARCH_KIND_SENT_ON -> sentDay(m) == key.getDateEpochDay();
      case SEARCH_KIND_SENT_SINCE -> sentDay(m) >= key.getDateEpochDay();
      default -> false;
    };
  }

  private static boolean contains(String haystack, String needle) {
    return haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
  }

  private static long day(long epochMs) {
    return Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
  }

  /** The day of the Date header; a message without a readable one sorts before every date. */
  private static long sentDay(FakeStore.Message m) {
    String date = m.mime.fields().get("date");
    try {
      return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
          .toLocalDate()
          .toEpochDay();
    } catch (RuntimeException e) {
      return LocalDate.MIN.toEpochDay();
    }
  }
}
