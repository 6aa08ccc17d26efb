package io.mailroom.pop3.protocol;

import io.mailroom.pop3.fake.FakeMailData;

/** The mail every protocol test starts with; the scripts' octet counts refer to it. */
public final class Fixtures {
  public static final String M1 = "From: bob@example.org\r\nSubject: one\r\n\r\nHello Alice\r\n";
  public static final String M2 =
      "Subject: dots\r\n\r\n.leading dot\r\n..two dots\r\nnormal\r\n.\r\nafter\r\n";
  public static final String M3 =
      "Subject: long\r\n\r\nline 1\r\nline 2\r\nline 3\r\nline 4\r\nline 5\r\n";
  public static final String BOB = "Subject: for bob\r\n\r\nhi\r\n";

  private Fixtures() {}

  /** alice/secret: 3 messages (52, 61, 57 octets = 170); bob/hunter2: 1 message (24). */
  public static void seed(FakeMailData data) {
    data.reset();
    data.account("alice", "secret");
    data.deliver("alice", M1);
    data.deliver("alice", M2);
    data.deliver("alice", M3);
    data.account("bob", "hunter2");
    data.deliver("bob", BOB);
    data.account("carol", "pw with spaces");
  }
}
