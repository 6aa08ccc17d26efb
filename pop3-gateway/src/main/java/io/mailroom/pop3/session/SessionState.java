package io.mailroom.pop3.session;

import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.maildrop.MaildropEntry;
import io.mailroom.store.client.maildrop.MaildropLock;
import java.util.BitSet;
import java.util.Optional;

/** RFC 1939's states; the data each carries exists only in that state. */
public sealed interface SessionState {
  /** Before login; {@code user} is set after a USER command, awaiting PASS. */
  record Authorization(Optional<String> user) implements SessionState {
    public static Authorization fresh() {
      return new Authorization(Optional.empty());
    }
  }

  /** AUTH PLAIN sent "+ " and waits for the client's response line. */
  record SaslPending() implements SessionState {}

  /**
   * Logged in, holding the maildrop lock, with the login snapshot; {@code deleted} holds the
   * message numbers marked by DELE (a private copy per state: states are values).
   */
  record Transaction(Login login, MaildropLock lock, Maildrop maildrop, BitSet deleted)
      implements SessionState {
    public Transaction {
      deleted = (BitSet) deleted.clone();
    }

    public boolean isDeleted(int n) {
      return deleted.get(n);
    }

    /** A message that exists and is not marked deleted. */
    public Optional<MaildropEntry> live(int n) {
      return isDeleted(n) ? Optional.empty() : maildrop.message(n);
    }

    public Transaction delete(int n) {
      var marks = (BitSet) deleted.clone();
      marks.set(n);
      return new Transaction(login, lock, maildrop, marks);
    }

    public Transaction undeleteAll() {
      return new Transaction(login, lock, maildrop, new BitSet());
    }

    public Transaction withLock(MaildropLock renewed) {
      return new Transaction(login, renewed, maildrop, deleted);
    }

    public int liveCount() {
      return maildrop.count() - deleted.cardinality();
    }

    public long liveSize() {
      long size = 0;
      for (int n = 1; n <= maildrop.count(); n++) {
        if (!deleted.get(n)) {
          size += maildrop.entries().get(n - 1).size();
        }
      }
      return size;
    }

    @Override
    public BitSet deleted() {
      return (BitSet) deleted.clone();
    }
  }

  /** After QUIT in TRANSACTION: marked messages are being expunged; nothing else is accepted. */
  record Update() implements SessionState {}
}
