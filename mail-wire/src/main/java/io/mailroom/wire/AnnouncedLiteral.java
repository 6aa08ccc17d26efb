package io.mailroom.wire;

import java.util.Optional;

/**
 * A literal announced at the end of a line, "{n}" or the non-synchronizing "{n+}" (RFC 9051 4.3,
 * RFC 7888, RFC 5804 4): where the announcement starts, the octet count, and whether the client
 * sends the octets without waiting for a continuation.
 *
 * <p>The syntax is the one IMAP and ManageSieve share: {@code "{" 1*DIGIT ["+"] "}"} as the last
 * octets of the line (CRLF removed). What a protocol then does with the literal (send a
 * continuation, buffer, stream, skip or refuse it) is its framer's business.
 *
 * @param offset index of the "{" in the line
 * @param size octets announced; at most 18 digits, so it always fits a long
 * @param nonSynchronizing "{n+}": the octets follow at once
 */
public record AnnouncedLiteral(int offset, long size, boolean nonSynchronizing) {
  /** More digits than this could overflow a long; such a line announces nothing. */
  static final int MAX_DIGITS = 18;

  public AnnouncedLiteral {
    if (offset < 0 || size < 0) {
      throw new IllegalArgumentException("offset " + offset + ", size " + size);
    }
  }

  /**
   * The literal announced by the first {@code length} octets of {@code line}, if they end with one.
   * Anything else ("{}", "{+}", "{1x}", "{-1}", a sign, more than 18 digits) is no announcement:
   * the protocol's parser decides how to reject the line.
   */
  public static Optional<AnnouncedLiteral> endingLine(byte[] line, int length) {
    if (length < 3 || length > line.length || line[length - 1] != '}') {
      return Optional.empty();
    }
    int i = length - 2;
    boolean nonSync = line[i] == '+';
    if (nonSync) {
      i--;
    }
    int lastDigit = i;
    while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
      i--;
    }
    int digits = lastDigit - i;
    if (i < 0 || line[i] != '{' || digits == 0 || digits > MAX_DIGITS) {
      return Optional.empty();
    }
    long size = 0;
    for (int k = i + 1; k <= lastDigit; k++) {
      size = size * 10 + (line[k] - '0');
    }
    return Optional.of(new AnnouncedLiteral(i, size, nonSync));
  }

  /** The same for a whole line. */
  public static Optional<AnnouncedLiteral> endingLine(byte[] line) {
    return endingLine(line, line.length);
  }
}
