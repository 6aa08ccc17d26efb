package io.mailroom.store.lmtp.wire;

/** What the reader hands to the session: one unit the session has to answer. */
public sealed interface Frame {

  /** A command line, without its line ending. */
  record CommandLine(String text) implements Frame {}

  /** A command line longer than the limit; its bytes were discarded up to the line ending. */
  record OverlongLine() implements Frame {}

  /**
   * The final "." of a message body.
   *
   * @param octets the size of the body as stored (CRLF-normalised, dot-unstuffed)
   * @param oversize whether it went past the limit; then the sink received only a prefix
   */
  record EndOfBody(long octets, boolean oversize) implements Frame {}
}
