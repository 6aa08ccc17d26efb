package io.mailroom.store.lmtp.session;

import io.mailroom.store.lmtp.response.Reply;

/**
 * What a handler decided: the session's next state, the reply to send, and what the connection does
 * after sending it.
 */
public record Step(SessionState next, Reply reply, After after) {

  public enum After {
    /** Read the next command. */
    CONTINUE,
    /** Read a message body (the reply was 354). */
    RECEIVE_BODY,
    /** Close the connection (QUIT, or 421). */
    CLOSE
  }

  public static Step stay(SessionState state, Reply reply) {
    return new Step(state, reply, After.CONTINUE);
  }
}
