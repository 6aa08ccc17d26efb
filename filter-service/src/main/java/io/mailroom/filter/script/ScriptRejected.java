package io.mailroom.filter.script;

/**
 * A script or a script operation refused, with a reason fit to show the user. Line and column are
 * set for compile errors.
 */
public final class ScriptRejected extends RuntimeException {

  /** Why; REST and ManageSieve map each to their own status or response code. */
  public enum Kind {
    BAD_NAME,
    TOO_LARGE,
    TOO_MANY,
    INVALID_SCRIPT,
    NOT_FOUND,
    ALREADY_EXISTS,
    ACTIVE
  }

  private final Kind kind;
  private final Integer line;
  private final Integer column;

  public ScriptRejected(Kind kind, String reason) {
    this(kind, reason, null, null);
  }

  public ScriptRejected(Kind kind, String reason, Integer line, Integer column) {
    super(reason);
    this.kind = kind;
    this.line = line;
    this.column = column;
  }

  public Kind kind() {
    return kind;
  }

  public Integer line() {
    return line;
  }

  public Integer column() {
    return column;
  }
}
