package io.mailroom.filter.store;

import io.mailroom.store.api.v1.MailboxRef;
import java.util.List;

/** A mailbox opened read-only: its reference and its UIDs, ascending. */
public record MailboxSnapshot(String name, MailboxRef ref, List<Integer> uids) {}
