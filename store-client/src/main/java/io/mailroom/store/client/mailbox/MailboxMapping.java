package io.mailroom.store.client.mailbox;

import java.util.List;

/**
 * The mailbox values every store reply shares, between proto and records. Public for this module's
 * other clients (message/, maildrop/); callers of the store never need it.
 */
public final class MailboxMapping {
  private MailboxMapping() {}

  public static io.mailroom.store.api.v1.MailboxRef toProto(MailboxRef ref) {
    return io.mailroom.store.api.v1.MailboxRef.newBuilder()
        .setMailboxId(ref.mailboxId())
        .setUidValidity((int) ref.uidValidity())
        .build();
  }

  public static MailboxRef ref(io.mailroom.store.api.v1.MailboxRef ref) {
    return new MailboxRef(ref.getMailboxId(), Integer.toUnsignedLong(ref.getUidValidity()));
  }

  public static MessageState state(io.mailroom.store.api.v1.MessageState s) {
    return new MessageState(Integer.toUnsignedLong(s.getUid()), s.getFlagsList(), s.getModseq());
  }

  /** uint32 values of a reply, as the unsigned numbers they are. */
  public static List<Long> unsigned(List<Integer> values) {
    return values.stream().map(Integer::toUnsignedLong).toList();
  }
}
