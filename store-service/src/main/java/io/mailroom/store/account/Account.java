package io.mailroom.store.account;

/** The account a call acts for, after authentication. */
public record Account(long id, String username) {}
