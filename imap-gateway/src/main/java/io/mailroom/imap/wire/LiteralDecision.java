package io.mailroom.imap.wire;

/** What the sink wants done with an announced literal. */
public enum LiteralDecision {
  /** Read it into memory and hand it over with the command. */
  BUFFER,
  /** Pass its bytes to {@link FrameSink#literalData} in bounded slices as they arrive. */
  STREAM,
  /**
   * Refused before any byte is read. For a synchronizing literal the client sends nothing more, so
   * the decoder starts a fresh command; for a non-synchronizing one the bytes are already on their
   * way and the connection cannot be resynchronized: the decoder stops.
   */
  REFUSE
}
