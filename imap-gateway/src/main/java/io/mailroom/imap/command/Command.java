package io.mailroom.imap.command;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** Every IMAP command the gateway understands, one record each, with its arguments parsed. */
public sealed interface Command {

  /** The session state a command needs (RFC 3501 section 3). */
  enum Needs {
    ANY,
    NOT_AUTHENTICATED,
    AUTHENTICATED,
    SELECTED
  }

  /** The command's name for metrics and messages: the record's name unless it says otherwise. */
  default String name() {
    return getClass().getSimpleName().toUpperCase(Locale.ROOT);
  }

  Needs needs();

  /** Allowed in every state. */
  sealed interface AnyState extends Command {
    default Needs needs() {
      return Needs.ANY;
    }
  }

  /** Allowed only before authentication. */
  sealed interface BeforeLogin extends Command {
    default Needs needs() {
      return Needs.NOT_AUTHENTICATED;
    }
  }

  /** Needs an authenticated session. */
  sealed interface LoggedIn extends Command {
    default Needs needs() {
      return Needs.AUTHENTICATED;
    }
  }

  /** Needs a selected mailbox. */
  sealed interface MailboxSelected extends Command {
    default Needs needs() {
      return Needs.SELECTED;
    }
  }

  record Capability() implements Command.AnyState {}

  record Noop() implements Command.AnyState {}

  record Logout() implements Command.AnyState {}

  record Id(List<String> fields) implements Command.AnyState {}

  record StartTls() implements Command.BeforeLogin {}

  record Login(String username, String password) implements Command.BeforeLogin {
    @Override
    public String toString() {
      return "Login[" + username + "]";
    }
  }

  /** AUTHENTICATE; the initial response (SASL-IR) is raw base64 text, "=" for empty. */
  record Authenticate(String mechanism, Optional<String> initialResponse)
      implements Command.BeforeLogin {
    @Override
    public String toString() {
      return "Authenticate[" + mechanism + "]";
    }
  }

  record Enable(List<String> capabilities) implements Command.LoggedIn {}

  record Namespace() implements Command.LoggedIn {}

  /** SELECT, or EXAMINE when {@code readOnly}; {@code condstore}: the (CONDSTORE) parameter. */
  record Select(String mailbox, boolean readOnly, boolean condstore) implements Command.LoggedIn {
    public Select(String mailbox, boolean readOnly) {
      this(mailbox, readOnly, false);
    }

    public String name() {
      return readOnly ? "EXAMINE" : "SELECT";
    }
  }

  record Create(String mailbox, Optional<String> specialUse) implements Command.LoggedIn {}

  record Delete(String mailbox) implements Command.LoggedIn {}

  record Rename(String from, String to) implements Command.LoggedIn {}

  record Subscribe(String mailbox, boolean subscribe) implements Command.LoggedIn {
    public String name() {
      return subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE";
    }
  }

  /** LIST, or LSUB when {@code subscribedOnly}; names are UTF-8 (converted from modified UTF-7). */
  record ListMailboxes(String reference, String pattern, boolean subscribedOnly)
      implements Command.LoggedIn {
    public String name() {
      return subscribedOnly ? "LSUB" : "LIST";
    }
  }

  enum StatusItem {
    MESSAGES,
    RECENT,
    UIDNEXT,
    UIDVALIDITY,
    UNSEEN,
    HIGHESTMODSEQ,
    SIZE
  }

  record Status(String mailbox, List<StatusItem> items) implements Command.LoggedIn {}

  /** APPEND; the message itself was streamed to the store while it arrived. */
  record Append(
      String mailbox, List<String> flags, Optional<OffsetDateTime> internalDate, long size)
      implements Command.LoggedIn {}

  record Idle() implements Command.LoggedIn {}

  record Check() implements Command.MailboxSelected {}

  record Close() implements Command.MailboxSelected {}

  record Unselect() implements Command.MailboxSelected {}

  /** EXPUNGE, or UID EXPUNGE with its UID set. */
  record Expunge(Optional<SequenceSet> uids) implements Command.MailboxSelected {
    public String name() {
      return uids.isPresent() ? "UID EXPUNGE" : "EXPUNGE";
    }
  }

  record Search(boolean uid, SearchKey key) implements Command.MailboxSelected {
    public String name() {
      return uid ? "UID SEARCH" : "SEARCH";
    }
  }

  /** FETCH; {@code changedSince}: the CHANGEDSINCE modifier (RFC 7162), which implies MODSEQ. */
  record Fetch(boolean uid, SequenceSet set, List<FetchItem> items, OptionalLong changedSince)
      implements Command.MailboxSelected {
    public Fetch(boolean uid, SequenceSet set, List<FetchItem> items) {
      this(uid, set, items, OptionalLong.empty());
    }

    public String name() {
      return uid ? "UID FETCH" : "FETCH";
    }
  }

  enum FlagMode {
    REPLACE,
    ADD,
    REMOVE
  }

  /** STORE; {@code unchangedSince}: the UNCHANGEDSINCE modifier (RFC 7162). */
  record Store(
      boolean uid,
      SequenceSet set,
      FlagMode mode,
      boolean silent,
      List<String> flags,
      OptionalLong unchangedSince)
      implements Command.MailboxSelected {
    public Store(boolean uid, SequenceSet set, FlagMode mode, boolean silent, List<String> flags) {
      this(uid, set, mode, silent, flags, OptionalLong.empty());
    }

    public String name() {
      return uid ? "UID STORE" : "STORE";
    }
  }

  /** COPY, or MOVE when {@code move}. */
  record Copy(boolean uid, SequenceSet set, String mailbox, boolean move)
      implements Command.MailboxSelected {
    public String name() {
      return (uid ? "UID " : "") + (move ? "MOVE" : "COPY");
    }
  }
}
