package io.mailroom.imap.handler;

import io.mailroom.imap.response.ResponseWriter.Status;

/** How a command ends: its tagged status line, and what the connection does after sending it. */
public record Completion(Status status, String code, String text, After after) {
  public enum After {
    NOTHING,
    CLOSE,
    START_TLS
  }

  public static Completion ok(String text) {
    return new Completion(Status.OK, null, text, After.NOTHING);
  }

  public static Completion ok(String code, String text) {
    return new Completion(Status.OK, code, text, After.NOTHING);
  }

  public static Completion no(String code, String text) {
    return new Completion(Status.NO, code, text, After.NOTHING);
  }

  public static Completion bad(String text) {
    return new Completion(Status.BAD, null, text, After.NOTHING);
  }

  public Completion then(After next) {
    return new Completion(status, code, text, next);
  }
}
