package io.mailroom.imap.wire;

/** The payload of one IMAP literal inside a command. */
public sealed interface Literal {
  long size();

  /** A small literal held in memory (mailbox names, search strings, passwords). */
  record Inline(byte[] bytes) implements Literal {
    @Override
    public long size() {
      return bytes.length;
    }
  }

  /** A large literal (an APPEND message) whose bytes went to the sink as they arrived. */
  record Streamed(long size) implements Literal {}
}
