package io.mailroom.bench.pop3;

import io.mailroom.bench.BenchContext;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The corpus messages every pop3 account was given, so a RETR can be checked: which message it is
 * (by Message-ID, whatever trace headers the delivery put in front) and whether the bytes after
 * those headers are exactly the ones sent.
 */
final class SeededMaildrop {

  private final BenchContext ctx;
  private final int first;
  private final int count;
  private final Map<String, Integer> byMessageId = new HashMap<>();

  SeededMaildrop(BenchContext ctx, int first, int count) {
    this.ctx = ctx;
    this.first = first;
    this.count = count;
    for (int i = first; i < first + count; i++) {
      byMessageId.put(ctx.corpus().messageId(i), i);
    }
  }

  int first() {
    return first;
  }

  int count() {
    return count;
  }

  /** The corpus index of a retrieved message, from its Message-ID header. */
  OptionalInt identify(Buffer retrieved) {
    // The header section, lower-cased for the field name; trace fields only add a few hundred
    // bytes.
    int end = Math.min(retrieved.length(), 16 * 1024);
    String head = retrieved.getString(0, end, StandardCharsets.ISO_8859_1.name());
    int at = head.toLowerCase(java.util.Locale.ROOT).indexOf("\r\nmessage-id: ");
    if (at < 0) {
      return OptionalInt.empty();
    }
    int open = head.indexOf('<', at);
    int close = head.indexOf('>', open);
    if (open < 0 || close < 0) {
      return OptionalInt.empty();
    }
    Integer index = byMessageId.get(head.substring(open, close + 1));
    return index == null ? OptionalInt.empty() : OptionalInt.of(index);
  }

  /** The retrieved bytes end with the corpus message: delivery may only have prepended headers. */
  boolean intact(Buffer retrieved, int index) {
    Buffer sent = ctx.message(index);
    int from = retrieved.length() - sent.length();
    return from >= 0 && retrieved.slice(from, retrieved.length()).equals(sent);
  }
}
