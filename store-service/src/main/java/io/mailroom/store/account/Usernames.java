package io.mailroom.store.account;

import java.util.regex.Pattern;

/** What a username may look like: it also appears in tokens and logs, so keep it plain. */
public final class Usernames {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@+-]{1,255}");

  private Usernames() {}

  public static boolean valid(String username) {
    return username != null && VALID.matcher(username).matches();
  }
}
