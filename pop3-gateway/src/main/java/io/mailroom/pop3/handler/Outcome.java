package io.mailroom.pop3.handler;

import io.mailroom.pop3.response.Reply;

/** A handler's answer and what the connection does once it is sent. */
public record Outcome(Reply reply, Then then) {
  public enum Then {
    CONTINUE,
    /** End the connection (QUIT, or a session that cannot go on). */
    CLOSE,
    /** RFC 2595: begin the TLS handshake right after the +OK. */
    START_TLS
  }

  public static Outcome of(Reply reply) {
    return new Outcome(reply, Then.CONTINUE);
  }

  public static Outcome closing(Reply reply) {
    return new Outcome(reply, Then.CLOSE);
  }
}
