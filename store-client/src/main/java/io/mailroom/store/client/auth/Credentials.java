package io.mailroom.store.client.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** What a client offered to prove who it is; {@code toString} never shows the secret. */
public sealed interface Credentials {
  /** The account name as given, for counting failed logins; empty if it cannot be read. */
  String account();

  record Password(String username, String password) implements Credentials {
    @Override
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
    public SaslPlain {
      message = message.clone();
    }

    @Override
    public byte[] message() {
      return message.clone();
    }

    /** The authcid, the second field: the identity whose password is checked. */
    @Override
    public String account() {
      int first = indexOfNul(message, 0);
      int second = first < 0 ? -1 : indexOfNul(message, first + 1);
      return second < 0
          ? ""
          : new String(Arrays.copyOfRange(message, first + 1, second), StandardCharsets.UTF_8);
    }

    private static int indexOfNul(byte[] bytes, int from) {
      for (int i = from; i < bytes.length; i++) {
        if (bytes[i] == 0) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof SaslPlain plain && Arrays.equals(message, plain.message);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(message);
    }

    @Override
    public String toString() {
      return "SaslPlain[***]";
    }
  }
}
