package io.mailroom.store.client.mailbox;

import java.util.List;

/** The mailboxes a LIST pattern matched, and the hierarchy delimiter ("/"). */
public record MailboxList(String delimiter, List<Entry> entries) {
  public MailboxList {
    entries = List.copyOf(entries);
  }

  /**
   * One mailbox with its attributes: \HasChildren, \HasNoChildren, \Noselect, \NonExistent,
   * \Subscribed and the SPECIAL-USE ones (\Sent, \Drafts, \Trash, \Junk, \Archive).
   */
  public record Entry(String name, List<String> attributes, long mailboxId) {
    public Entry {
      attributes = List.copyOf(attributes);
    }

    public boolean has(String attribute) {
      return attributes.stream().anyMatch(attribute::equalsIgnoreCase);
    }
  }
}
