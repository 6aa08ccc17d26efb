package io.mailroom.filter.sieve;

/** A script that does not compile; line and column are 1-based and point at the offending token. */
public final class SieveCompileException extends Exception {
  private final int line;
  private final int column;

  public SieveCompileException(int line, int column, String reason) {
    super(reason);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public String reason() {
    return getMessage();
  }

  /** "line 3, column 7: reason", the form shown to users. */
  public String describe() {
    return "line " + line + ", column " + column + ": " + getMessage();
  }
}
