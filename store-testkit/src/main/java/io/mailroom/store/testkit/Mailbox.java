package io.mailroom.store.testkit;

import io.mailroom.store.api.v1.UidSet;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One mailbox of an account, with the real store's counters: UIDVALIDITY (unique across accounts),
 * UIDNEXT, HIGHESTMODSEQ (1 when new; every change takes the next), the \Recent floor, and the UIDs
 * expunged with the MODSEQ that removed them (what Changes reports). Guarded by the store.
 */
final class Mailbox {
  final long id;
  String name;
  long uidValidity;
  String specialUse;
  boolean subscribed;
  boolean selectable = true;
  long nextUid = 1;
  long highestModseq = 1;
  long recentFloor = 1;
  final TreeMap<Long, StoredMessage> messages = new TreeMap<>();
  final TreeMap<Long, Long> expunged = new TreeMap<>();

  Mailbox(long id, String name, long uidValidity, String specialUse, boolean subscribed) {
    this.id = id;
    this.name = name;
    this.uidValidity = uidValidity;
    this.specialUse = specialUse;
    this.subscribed = subscribed;
  }

  /** Takes n UIDs and one MODSEQ, as the real store's allocation does (n may be 0). */
  long[] allocate(int n) {
    long first = nextUid;
    nextUid += n;
    return new long[] {first, ++highestModseq};
  }

  void add(StoredMessage m) {
    messages.put(m.uid(), m);
  }

  /**
   * The messages of a UID set in UID order; "n:*" includes the highest UID even when n is larger
   * (RFC 3501 6.4.8).
   */
  List<StoredMessage> in(UidSet set) {
    long max = messages.isEmpty() ? 0 : messages.lastKey();
    var found = new TreeMap<Long, StoredMessage>();
    for (var range : set.getRangesList()) {
      long first = Integer.toUnsignedLong(range.getFirst());
      long last = Integer.toUnsignedLong(range.getLast());
      if (last == 0xFFFFFFFFL) {
        first = Math.min(first, max);
        last = max;
      } else if (first == 0xFFFFFFFFL) {
        first = max;
      }
      long low = Math.min(first, last);
      long high = Math.max(first, last);
      found.putAll(messages.subMap(low, true, high, true));
    }
    return new ArrayList<>(found.values());
  }

  /** Removes these messages under one new MODSEQ, leaving tombstones; answers their UIDs. */
  List<Long> expunge(List<StoredMessage> which) {
    var uids = new ArrayList<Long>();
    if (which.isEmpty()) {
      return uids;
    }
    long modseq = ++highestModseq;
    for (StoredMessage m : which) {
      if (messages.remove(m.uid()) != null) {
        expunged.put(m.uid(), modseq);
        uids.add(m.uid());
      }
    }
    return uids;
  }

  long unseen() {
    return messages.values().stream().filter(m -> !m.hasFlag("\\Seen")).count();
  }

  long firstUnseen() {
    return messages.values().stream()
        .filter(m -> !m.hasFlag("\\Seen"))
        .mapToLong(StoredMessage::uid)
        .findFirst()
        .orElse(0);
  }

  long recent() {
    return messages.keySet().stream().filter(uid -> uid >= recentFloor).count();
  }

  long size() {
    return messages.values().stream().mapToLong(m -> m.sharedBytes().length).sum();
  }
}
