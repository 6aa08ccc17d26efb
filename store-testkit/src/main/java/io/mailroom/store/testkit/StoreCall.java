package io.mailroom.store.testkit;

/**
 * A changing call as the in-memory store received it, refused or not: what a test asserts when the
 * caller's calls themselves are the behaviour (which idempotency key a retried step carries, that a
 * refused COPY is not tried again).
 *
 * @param method "append", "copy", "move", "flags" or "expunge"
 * @param account the account the call was made for
 * @param idempotencyKey the key it carried ("" for none)
 * @param detail the target mailbox of an append, copy or move; the flags of a flag change; the mode
 *     of an expunge
 */
public record StoreCall(String method, String account, String idempotencyKey, String detail) {}
