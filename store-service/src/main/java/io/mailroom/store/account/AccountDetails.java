package io.mailroom.store.account;

import java.time.OffsetDateTime;

/**
 * An account as stored.
 *
 * @param quotaBytes the storage limit in octets; null is unlimited
 */
public record AccountDetails(
    long id, String username, String passwordHash, OffsetDateTime created, Long quotaBytes) {}
