package io.mailroom.store.client.message;

import java.util.ArrayList;
import java.util.List;

/** UID sets between records and proto. */
final class MessageMapping {
  private MessageMapping() {}

  static io.mailroom.store.api.v1.UidSet toProto(UidSet set) {
    var builder = io.mailroom.store.api.v1.UidSet.newBuilder();
    for (var r : set.ranges()) {
      builder.addRanges(
          io.mailroom.store.api.v1.UidRange.newBuilder()
              .setFirst((int) r.first())
              .setLast((int) r.last()));
    }
    return builder.build();
  }

  /** The UIDs of an explicit set (the store's MODIFIED sets name existing messages). */
  static List<Long> uids(io.mailroom.store.api.v1.UidSet set) {
    var uids = new ArrayList<Long>();
    for (var r : set.getRangesList()) {
      long first = Integer.toUnsignedLong(r.getFirst());
      long last = Integer.toUnsignedLong(r.getLast());
      for (long uid = first; uid <= last && uid < UidSet.MAX; uid++) {
        uids.add(uid);
      }
    }
    return uids;
  }
}
