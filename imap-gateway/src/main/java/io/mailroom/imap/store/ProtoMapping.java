package io.mailroom.imap.store;

import java.util.ArrayList;
import java.util.List;

/** The values the store's messages share, between proto and domain records. */
final class ProtoMapping {
  private ProtoMapping() {}

  static io.mailroom.store.api.v1.MailboxRef ref(MailboxRef ref) {
    return io.mailroom.store.api.v1.MailboxRef.newBuilder()
        .setMailboxId(ref.mailboxId())
        .setUidValidity((int) ref.uidValidity())
        .build();
  }

  static io.mailroom.store.api.v1.UidSet uidSet(UidSet set) {
    var builder = io.mailroom.store.api.v1.UidSet.newBuilder();
    for (var r : set.ranges()) {
      builder.addRanges(
          io.mailroom.store.api.v1.UidRange.newBuilder()
              .setFirst((int) r.first())
              .setLast((int) r.last()));
    }
    return builder.build();
  }

  static MessageState state(io.mailroom.store.api.v1.MessageState s) {
    return new MessageState(Integer.toUnsignedLong(s.getUid()), s.getFlagsList(), s.getModseq());
  }

  /** The UIDs of an explicit set (the store's MODIFIED sets name existing messages). */
  static List<Long> uids(io.mailroom.store.api.v1.UidSet set) {
    var uids = new ArrayList<Long>();
    for (var r : set.getRangesList()) {
      long first = Integer.toUnsignedLong(r.getFirst());
      long last = Integer.toUnsignedLong(r.getLast());
      for (long uid = first; uid <= last && uid < 4294967295L; uid++) {
        uids.add(uid);
      }
    }
    return uids;
  }

  static List<Long> unsigned(List<Integer> values) {
    return values.stream().map(Integer::toUnsignedLong).toList();
  }
}
