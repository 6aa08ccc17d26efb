package io.mailroom.pop3.response;

/** RFC 2449 section 8 extended response codes (and RFC 3206's SYS/AUTH). */
public enum ResponseCode {
  IN_USE("IN-USE"),
  LOGIN_DELAY("LOGIN-DELAY"),
  AUTH("AUTH"),
  SYS_TEMP("SYS/TEMP"),
  SYS_PERM("SYS/PERM");

  private final String text;

  ResponseCode(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
