package io.mailroom.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.testkit.InMemoryStore;

/** The mail every protocol test starts with; the scripts' octet counts refer to it. */
public final class Fixtures {
  public static final String M1 = "From: bob@example.org\r\nSubject: one\r\n\r\nHello Alice\r\n";
  public static final String M2 =
      "Subject: dots\r\n\r\n.leading dot\r\n..two dots\r\nnormal\r\n.\r\nafter\r\n";
  public static final String M3 =
      "Subject: long\r\n\r\nline 1\r\nline 2\r\nline 3\r\nline 4\r\nline 5\r\n";
  public static final String BOB = "Subject: for bob\r\n\r\nhi\r\n";

  private Fixtures() {}

  /**
   * A message of at least {@code octets} octets with CRLF line ends, whose lines start with a dot
   * now and then (so RETR has to stuff them).
   */
  public static String bigMessage(int octets) {
    var message = new StringBuilder("Subject: big\r\n\r\n");
    for (int i = 0; message.length() < octets; i++) {
      message
          .append(i % 7 == 0 ? "." : "")
          .append("line ")
          .append(i)
          .append(" ")
          .append("x".repeat(60))
          .append("\r\n");
    }
    return message.toString();
  }

  /**
   * alice/secret: 3 messages (52, 61, 57 octets = 170); bob/hunter2: 1 message (24); carol: none.
   * Logging in as store-down meets an unreachable store.
   */
  public static void seed(InMemoryStore store) {
    store.reset();
    store.unreachableFor("store-down");
    store.account("alice", "secret");
    store.deliver("alice", M1);
    store.deliver("alice", M2);
    store.deliver("alice", M3);
    store.account("bob", "hunter2");
    store.deliver("bob", BOB);
    store.account("carol", "pw with spaces");
  }

  /** Compares a received big message without letting a mismatch print megabytes. */
  public static void assertSameMessage(String received, String expected) {
    assertThat(received.length()).as("octets received").isEqualTo(expected.length());
    assertThat(received.equals(expected)).as("the message arrived unchanged").isTrue();
  }
}
