package io.mailroom.store.testkit;

import io.mailroom.mime.ParsedMessage;
import io.mailroom.store.api.v1.SearchKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whether a message matches a SEARCH key, read as the real store's SearchCompiler reads it: known
 * headers (Subject, From, To, Cc, Bcc, Message-ID) by their decoded text, any other header in the
 * raw header block, BODY in the decoded text (all its words, or the text as it is), dates in their
 * own time zone. A key a message cannot answer (no Date header) does not match, nor does its NOT.
 */
final class MessageQuery {
  private static final int MAX_NODES = 500;
  private static final int MAX_DEPTH = 32;

  private final Mailbox mailbox;
  private int nodes;

  private MessageQuery(Mailbox mailbox) {
    this.mailbox = mailbox;
  }

  /** The UIDs in the mailbox that match, ascending. */
  static List<StoredMessage> matching(Mailbox mailbox, SearchKey key) {
    var query = new MessageQuery(mailbox);
    query.check(key, 0);
    return mailbox.messages.values().stream().filter(m -> query.matches(m, key)).toList();
  }

  private void check(SearchKey key, int depth) {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
      throw StoreErrors.badRequest("search key too complex");
    }
    if (key.getKind() == io.mailroom.store.api.v1.SearchKind.SEARCH_KIND_NOT
        && key.getChildrenCount() != 1) {
      throw StoreErrors.badRequest("NOT takes one key");
    }
    key.getChildrenList().forEach(k -> check(k, depth + 1));
  }

  private boolean matches(StoredMessage m, SearchKey key) {
    ParsedMessage p = m.parsed();
    return switch (key.getKind()) {
      case SEARCH_KIND_ALL -> true;
      case SEARCH_KIND_FLAG_SET -> m.flags().contains(flag(key.getText()));
      case SEARCH_KIND_FLAG_UNSET -> !m.flags().contains(flag(key.getText()));
      case SEARCH_KIND_BEFORE -> internalDay(m) < key.getDateEpochDay();
      case SEARCH_KIND_ON -> internalDay(m) == key.getDateEpochDay();
      case SEARCH_KIND_SINCE -> internalDay(m) >= key.getDateEpochDay();
      case SEARCH_KIND_SENT_BEFORE -> p.sentDate() != null && sentDay(p) < key.getDateEpochDay();
      case SEARCH_KIND_SENT_ON -> p.sentDate() != null && sentDay(p) == key.getDateEpochDay();
      case SEARCH_KIND_SENT_SINCE -> p.sentDate() != null && sentDay(p) >= key.getDateEpochDay();
      case SEARCH_KIND_LARGER -> p.size() > key.getNumber();
      case SEARCH_KIND_SMALLER -> p.size() < key.getNumber();
      case SEARCH_KIND_MODSEQ -> m.modseq() >= key.getNumber();
      case SEARCH_KIND_UID -> mailbox.in(key.getUids()).contains(m);
      case SEARCH_KIND_HEADER -> header(m, key.getHeaderName(), key.getText());
      case SEARCH_KIND_BODY -> body(p, key.getText());
      case SEARCH_KIND_TEXT -> body(p, key.getText()) || contains(headerText(m), key.getText());
      case SEARCH_KIND_AND -> key.getChildrenList().stream().allMatch(k -> matches(m, k));
      case SEARCH_KIND_OR -> key.getChildrenList().stream().anyMatch(k -> matches(m, k));
      case SEARCH_KIND_NOT -> !matches(m, key.getChildren(0));
      default -> false;
    };
  }

  private static String flag(String text) {
    List<String> canonical = StoredMessage.canonical(List.of(text));
    return canonical.isEmpty() ? "\\Recent" : canonical.get(0);
  }

  private static long internalDay(StoredMessage m) {
    return Instant.ofEpochMilli(m.internalDateMs())
        .atOffset(ZoneOffset.ofTotalSeconds(m.internalDateOffsetMinutes() * 60))
        .toLocalDate()
        .toEpochDay();
  }

  private static long sentDay(ParsedMessage p) {
    return p.sentDate().toLocalDate().toEpochDay();
  }

  private static final Map<String, java.util.function.Function<ParsedMessage, String>> DECODED =
      Map.of(
          "subject", ParsedMessage::subject,
          "from", ParsedMessage::from,
          "to", ParsedMessage::to,
          "cc", ParsedMessage::cc,
          "bcc", ParsedMessage::bcc,
          "message-id", ParsedMessage::messageId);

  private static boolean header(StoredMessage m, String name, String text) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.isEmpty() || !lower.matches("[!-9;-~]+")) {
      throw StoreErrors.badRequest("bad header name");
    }
    var decoded = DECODED.get(lower);
    if (decoded != null && !text.isEmpty()) {
      return contains(decoded.apply(m.parsed()), text);
    }
    var field =
        Pattern.compile(
            "(^|\\n)" + Pattern.quote(lower) + "[ \\t]*:[^\\n]*" + Pattern.quote(text),
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    return field.matcher(headerText(m)).find();
  }

  /** The words of the text all among the body's words, or the text itself in it. */
  private static boolean body(ParsedMessage p, String text) {
    String searchable = p.searchableText();
    if (contains(searchable, text)) {
      return true;
    }
    List<String> words = words(text);
    List<String> have = words(searchable);
    return !words.isEmpty() && have.containsAll(words);
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(w -> !w.isEmpty())
        .toList();
  }

  private static String headerText(StoredMessage m) {
    long end = m.parsed().parts().get(0).bodyStart();
    return new String(m.sharedBytes(), 0, (int) end, StandardCharsets.UTF_8);
  }

  private static boolean contains(String haystack, String needle) {
    return haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
  }
}
