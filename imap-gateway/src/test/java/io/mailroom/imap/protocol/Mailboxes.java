package io.mailroom.imap.protocol;

import io.mailroom.store.testkit.ContractMail;
import io.mailroom.store.testkit.InMemoryStore;

/**
 * The account every protocol test starts from, in store-testkit's in-memory store: alice / secret,
 * three messages in INBOX, the first \Seen. The messages are the contracts' (ContractMail), so what
 * the in-memory store answers for them is what the real store answers.
 */
public final class Mailboxes {
  private Mailboxes() {}

  public static final String PLAIN = ContractMail.PLAIN;
  public static final String MULTIPART = ContractMail.MULTIPART;
  public static final String MEETING = ContractMail.MEETING;

  public static void seed(InMemoryStore store) {
    store.reset();
    store.account("alice", "secret");
    store.deliver("alice", "INBOX", PLAIN);
    store.deliver("alice", "INBOX", MULTIPART);
    store.deliver("alice", "INBOX", MEETING);
    store.addFlag("alice", "INBOX", 1, "\\Seen");
  }
}
