package io.mailroom.store.message;

/** Which messages EXPUNGE removes. */
public enum ExpungeMode {
  /** EXPUNGE / CLOSE: every \Deleted message. */
  ALL_DELETED,
  /** UID EXPUNGE: \Deleted messages in the set. */
  DELETED_IN_SET,
  /** POP3 QUIT, Sieve discard: the set, whatever the flags. */
  ALL_IN_SET
}
