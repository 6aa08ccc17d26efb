package io.mailroom.imap.command;

import java.time.OffsetDateTime;
import java.util.List;
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

  /** The command's name for metrics and messages. */
  String name();

  Needs needs();

  record Capability() implements Command {
    public String name() {
      return "CAPABILITY";
    }

    public Needs needs() {
      return Needs.ANY;
    }
  }

  record Noop() implements Command {
    public String name() {
      return "NOOP";
    }

    public Needs needs() {
      return Needs.ANY;
    }
  }

  record Logout() implements Command {
    public String name() {
      return "LOGOUT";
    }

    public Needs needs() {
      return Needs.ANY;
    }
  }

  record Id(List<String> fields) implements Command {
    public String name() {
      return "ID";
    }

    public Needs needs() {
      return Needs.ANY;
    }
  }

  record StartTls() implements Command {
    public String name() {
      return "STARTTLS";
    }

    public Needs needs() {
      return Needs.NOT_AUTHENTICATED;
    }
  }

  record Login(String username, String password) implements Command {
    public String name() {
      return "LOGIN";
    }

    public Needs needs() {
      return Needs.NOT_AUTHENTICATED;
    }

    @Override
    public String toString() {
      return "Login[" + username + "]";
    }
  }

  /** AUTHENTICATE; the initial response (SASL-IR) is raw base64 text, "=" for empty. */
  record Authenticate(String mechanism, Optional<String> initialResponse) implements Command {
    public String name() {
      return "AUTHENTICATE";
    }

    public Needs needs() {
      return Needs.NOT_AUTHENTICATED;
    }

    @Override
    public String toString() {
      return "Authenticate[" + mechanism + "]";
    }
  }

  record Enable(List<String> capabilities) implements Command {
    public String name() {
      return "ENABLE";
    }

    public Needs needs() {
      return Needs.AUTHENTICATED;
    }
  }

  record Namespace() implements Command {
    public String name() {
      return "NAMESPACE";
    }

    public Needs needs() {
      return Needs.AUTHENTICATED;
    }
  }

  /** SELECT, or EXAMINE when {@code readOnly}; {@code condstore}: the (CONDSTORE) parameter. */
  record Select(String mailbox, boolean readOnly, boolean condstore) implements Command {
    public Select(String mailbox, boolean readOnly) {
      this(mailbox, readOnly, false);
    }

    public String name() {
      return readOnly ? "EXAMINE" : "SELECT";
    }

    public Needs needs() {
      return Needs.AUTHENTICATED;
    }
  }

  record Create(String mailbox, Optional<String> specialUse) implements Command {
    public String name() {
      return "CREATE";
    }

    public Needs needs() {
      return Needs.AUTHENTICATED;
    }
  }

  record Delete(String mailbox) implements Command {
    public String name() {
      return "DELETE";
    }

    public Needs needs() {
      return Needs.AUTHENTICATED;
    }
  }

  record Rename(String from, String to) implements Command {
    public String name() {
      return "RENAME";
    }

    public Needs needs() {
      return Needs.AUTHENTICATED;
    }
  }

  record Subscribe(String mailbox, boolean subscribe) implements Command {
    public String name() {
      return subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE";
    }

    public Needs needs() {
      return Needs.AUTHENTICATED;
    }
  }

  /** LIST, or LSUB when {@code subscribedOnly}; names are UTF-8 (converted from modified UTF-7). */
  record ListMailboxes(String reference, String pattern, boolean subscribedOnly)
      implements Command {
    public String name() {
      return subscribedOnly ? "LSUB" : "LIST";
    }

    public Needs needs() {
      return Needs.AUTHENTICATED;
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

  record Status(String mailbox, List<StatusItem> items) implements Command {
    public String name() {
      return "STATUS";
    }

    public Needs needs() {
      return Needs.AUTHENTICATED;
    }
  }

  /** APPEND; the message itself was streamed to the store while it arrived. */
  record Append(
      String mailbox, List<String> flags, Optional<OffsetDateTime> internalDate, long size)
      implements Command {
    public String name() {
      return "APPEND";
    }

    public Needs needs() {
      return Needs.AUTHENTICATED;
    }
  }

  record Idle() implements Command {
    public String name() {
      return "IDLE";
    }

    public Needs needs() {
      return Needs.AUTHENTICATED;
    }
  }

  record Check() implements Command {
    public String name() {
      return "CHECK";
    }

    public Needs needs() {
      return Needs.SELECTED;
    }
  }

  record Close() implements Command {
    public String name() {
      return "CLOSE";
    }

    public Needs needs() {
      return Needs.SELECTED;
    }
  }

  record Unselect() implements Command {
    public String name() {
      return "UNSELECT";
    }

    public Needs needs() {
      return Needs.SELECTED;
    }
  }

  /** EXPUNGE, or UID EXPUNGE with its UID set. */
  record Expunge(Optional<SequenceSet> uids) implements Command {
    public String name() {
      return uids.isPresent() ? "UID EXPUNGE" : "EXPUNGE";
    }

    public Needs needs() {
      return Needs.SELECTED;
    }
  }

  record Search(boolean uid, SearchKey key) implements Command {
    public String name() {
      return uid ? "UID SEARCH" : "SEARCH";
    }

    public Needs needs() {
      return Needs.SELECTED;
    }
  }

  /** FETCH; {@code changedSince}: the CHANGEDSINCE modifier (RFC 7162), which implies MODSEQ. */
  record Fetch(boolean uid, SequenceSet set, List<FetchItem> items, OptionalLong changedSince)
      implements Command {
    public Fetch(boolean uid, SequenceSet set, List<FetchItem> items) {
      this(uid, set, items, OptionalLong.empty());
    }

    public String name() {
      return uid ? "UID FETCH" : "FETCH";
    }

    public Needs needs() {
      return Needs.SELECTED;
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
      implements Command {
    public Store(boolean uid, SequenceSet set, FlagMode mode, boolean silent, List<String> flags) {
      this(uid, set, mode, silent, flags, OptionalLong.empty());
    }

    public String name() {
      return uid ? "UID STORE" : "STORE";
    }

    public Needs needs() {
      return Needs.SELECTED;
    }
  }

  /** COPY, or MOVE when {@code move}. */
  record Copy(boolean uid, SequenceSet set, String mailbox, boolean move) implements Command {
    public String name() {
      return (uid ? "UID " : "") + (move ? "MOVE" : "COPY");
    }

    public Needs needs() {
      return Needs.SELECTED;
    }
  }
}
