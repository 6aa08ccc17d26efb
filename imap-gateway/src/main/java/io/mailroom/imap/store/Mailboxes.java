package io.mailroom.imap.store;

import java.util.List;

/** A LIST answer: matching mailboxes and the hierarchy delimiter. */
public record Mailboxes(String delimiter, List<Entry> entries) {
  public Mailboxes {
    entries = List.copyOf(entries);
  }

  /** One mailbox with its attributes (\HasChildren, \Noselect, \Sent, ...). */
  public record Entry(String name, List<String> attributes) {
    public Entry {
      attributes = List.copyOf(attributes);
    }
  }
}
