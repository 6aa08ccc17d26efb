package io.mailroom.pop3.store;

import java.util.Arrays;

/** What a client offered to prove who it is. */
public sealed interface Credentials {
  /** The account name as given, for counting failed logins; may be empty if unknown. */
  String account();

  record Password(String username, String password) implements Credentials {
    public String account() {
      return username;
    }

    @Override
    public String toString() {
      return "Password[" + username + ", ***]";
    }
  }

  /** An RFC 4616 PLAIN message: authzid NUL authcid NUL passwd, passed to the store as is. */
  record SaslPlain(byte[] message) implements Credentials {
    public String account() {
      // authcid, the second field: the identity whose password is checked
      int first = indexOf(message, 0);
      int second = first < 0 ? -1 : indexOf(message, first + 1);
      return second < 0
          ? ""
          : new String(
              Arrays.copyOfRange(message, first + 1, second),
              java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, int from) {
      for (int i = from; i < bytes.length; i++) {
        if (bytes[i] == 0) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public String toString() {
      return "SaslPlain[***]";
    }
  }
}
