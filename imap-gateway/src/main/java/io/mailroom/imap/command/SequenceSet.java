package io.mailroom.imap.command;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence set ("1:4,7,9:*") of message sequence numbers or UIDs; {@link #STAR} stands for "*"
 * (the largest number in use).
 */
public record SequenceSet(List<Range> ranges) {
  public static final long STAR = -1;
  public static final long MAX = 4294967295L;

  /** One "a:b" or "a" element, as written; a may be larger than b. */
  public record Range(long first, long last) {
    public long low(long star) {
      return Math.min(resolve(first, star), resolve(last, star));
    }

    public long high(long star) {
      return Math.max(resolve(first, star), resolve(last, star));
    }

    private static long resolve(long n, long star) {
      return n == STAR ? star : n;
    }
  }

  public SequenceSet {
    ranges = List.copyOf(ranges);
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("empty sequence set");
    }
  }

  public static SequenceSet of(long first, long last) {
    return new SequenceSet(List.of(new Range(first, last)));
  }

  /** Parses the sequence-set grammar of RFC 3501; numbers are nz-number (1..2^32-1). */
  public static SequenceSet parse(String text) {
    if (text.isEmpty()) {
      throw new SyntaxError("Invalid sequence set");
    }
    var ranges = new ArrayList<Range>();
    for (String part : text.split(",", -1)) {
      int colon = part.indexOf(':');
      if (colon < 0) {
        long n = number(part);
        ranges.add(new Range(n, n));
      } else {
        ranges.add(new Range(number(part.substring(0, colon)), number(part.substring(colon + 1))));
      }
    }
    return new SequenceSet(ranges);
  }

  private static long number(String s) {
    if (s.equals("*")) {
      return STAR;
    }
    if (s.isEmpty() || s.length() > 10 || s.charAt(0) == '0') {
      throw new SyntaxError("Invalid sequence set");
    }
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new SyntaxError("Invalid sequence set");
      }
      n = n * 10 + (c - '0');
    }
    if (n > MAX) {
      throw new SyntaxError("Invalid sequence set");
    }
    return n;
  }

  @Override
  public String toString() {
    var sb = new StringBuilder();
    for (Range r : ranges) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(r.first == STAR ? "*" : Long.toString(r.first));
      if (r.first != r.last) {
        sb.append(':').append(r.last == STAR ? "*" : Long.toString(r.last));
      }
    }
    return sb.toString();
  }
}
