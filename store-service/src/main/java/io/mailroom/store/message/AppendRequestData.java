package io.mailroom.store.message;

import java.time.OffsetDateTime;

/**
 * What an APPEND asks for besides the bytes.
 *
 * @param internalDate null = now
 * @param idempotencyKey "" = none
 */
public record AppendRequestData(
    String mailbox, Flags flags, OffsetDateTime internalDate, String idempotencyKey) {}
