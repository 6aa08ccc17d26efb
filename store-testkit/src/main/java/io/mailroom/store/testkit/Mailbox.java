package io.mailroom.store.testkit;

import java.util.ArrayList;
import java.util.List;

/** An account's INBOX: its id and UIDVALIDITY (unique across accounts, as in the real store). */
final class Mailbox {
  final long id;
  final long uidValidity;
  final List<StoredMessage> messages = new ArrayList<>();
  long nextUid = 1;

  Mailbox(long id, long uidValidity) {
    this.id = id;
    this.uidValidity = uidValidity;
  }
}
