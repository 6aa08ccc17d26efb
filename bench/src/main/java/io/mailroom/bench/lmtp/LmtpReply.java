package io.mailroom.bench.lmtp;

import java.util.List;

/**
 * One LMTP reply: its code and the text of every line, multi-line replies (LHLO) folded into one.
 */
public record LmtpReply(int code, List<String> lines) {

  public LmtpReply {
    lines = List.copyOf(lines);
  }

  /** 2xx: the command (or, after DATA's final dot, the delivery to one recipient) succeeded. */
  public boolean positive() {
    return code >= 200 && code < 300;
  }

  /** 354 after DATA: the server waits for the message. */
  public boolean intermediate() {
    return code >= 300 && code < 400;
  }

  public String text() {
    return String.join(" / ", lines);
  }

  @Override
  public String toString() {
    return code + " " + text();
  }
}
