package io.mailroom.filter.managesieve.wire;

/** Input that cannot be framed into a command; {@code fatal} means the connection must close. */
public final class FramingException extends Exception {
  private final boolean fatal;

  public FramingException(String reason, boolean fatal) {
    super(reason);
    this.fatal = fatal;
  }

  public boolean fatal() {
    return fatal;
  }
}
