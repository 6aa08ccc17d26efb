package io.mailroom.store.client.events;

/** The mailbox an event is about, as it was when the event happened. */
public record MailboxPointer(long id, String name, long uidValidity, String specialUse) {

  public boolean isInbox() {
    return name.equalsIgnoreCase("INBOX");
  }

  /** True for the mailbox marked with that SPECIAL-USE attribute, e.g. {@code "\\Sent"}. */
  public boolean is(String specialUse) {
    return this.specialUse.equalsIgnoreCase(specialUse);
  }
}
