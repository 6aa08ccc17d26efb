package io.mailroom.store.auth;

/** What a valid session token says: whose session it is and until when. */
public record SessionToken(String token, long accountId, String username, long expiresAtEpochMs) {}
