package io.mailroom.store.account;

import io.mailroom.store.events.Outbox;

/** The account a call acts for, after authentication; the owner of the changes it makes. */
public record Account(long id, String username) implements Outbox.Owner {}
