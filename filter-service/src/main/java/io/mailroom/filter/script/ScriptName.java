package io.mailroom.filter.script;

/**
 * A script's name: 1 to 128 characters, no "/" (names may become paths in other tools) and no
 * control characters (RFC 5804 1.6 forbids them; they would also forge protocol lines).
 */
public record ScriptName(String value) {
  public static final int MAX_LENGTH = 128;

  public ScriptName {
    var problem = problem(value);
    if (problem != null) {
      throw new InvalidScriptName(problem);
    }
  }

  /** Why the name is refused, or null when it is fine. */
  public static String problem(String value) {
    if (value == null || value.isEmpty()) {
      return "a script name must not be empty";
    }
    var length = value.codePointCount(0, value.length());
    if (length > MAX_LENGTH) {
      return "a script name must be at most " + MAX_LENGTH + " characters";
    }
    for (int i = 0; i < value.length(); ) {
      var c = value.codePointAt(i);
      if (c == '/') {
        return "a script name must not contain \"/\"";
      }
      if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0xFFFD) {
        return "a script name must not contain control characters";
      }
      i += Character.charCount(c);
    }
    return null;
  }

  @Override
  public String toString() {
    return value;
  }

  /** A name that breaks the rules above. */
  public static final class InvalidScriptName extends RuntimeException {
    public InvalidScriptName(String reason) {
      super(reason);
    }
  }
}
