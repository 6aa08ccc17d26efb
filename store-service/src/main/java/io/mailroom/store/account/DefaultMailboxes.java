package io.mailroom.store.account;

import java.util.LinkedHashMap;
import java.util.Map;

/** The mailboxes every new account starts with, and their SPECIAL-USE attributes (RFC 6154). */
final class DefaultMailboxes {
  static final Map<String, String> ALL = new LinkedHashMap<>();

  static {
    ALL.put("INBOX", null);
    ALL.put("Sent", "\\Sent");
    ALL.put("Drafts", "\\Drafts");
    ALL.put("Trash", "\\Trash");
    ALL.put("Junk", "\\Junk");
    ALL.put("Archive", "\\Archive");
  }

  private DefaultMailboxes() {}
}
