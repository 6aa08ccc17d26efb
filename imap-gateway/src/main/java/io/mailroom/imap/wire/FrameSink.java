package io.mailroom.imap.wire;

/** Receives what the decoder frames. Called on the connection's thread, in wire order. */
public interface FrameSink {
  /** Decides about a literal before any of its bytes is read. */
  LiteralDecision literal(LiteralAnnouncement announcement);

  /** A slice of a streamed literal; the array is the sink's to keep. */
  void literalData(byte[] slice);

  /** A complete command (or continuation line). */
  void command(RawCommand command);

  /** A line or command exceeded its limit; the decoder has stopped. */
  void tooLong(String reason);
}
