package io.mailroom.imap.session;

import io.mailroom.imap.command.SequenceSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The session's message sequence numbers: position i (1-based) holds the UID the client knows as
 * message i. Expunging shifts later messages down, exactly as the client renumbers.
 */
public final class MessageSequence {
  private long[] uids;
  private int size;

  public MessageSequence(List<Long> ascendingUids) {
    uids = new long[Math.max(16, ascendingUids.size())];
    for (long uid : ascendingUids) {
      uids[size++] = uid;
    }
  }

  public int size() {
    return size;
  }

  public long maxUid() {
    return size == 0 ? 0 : uids[size - 1];
  }

  public long uidAt(int seq) {
    return uids[seq - 1];
  }

  /** 1-based sequence number of a UID, or 0 if the session does not know it. */
  public int seqOf(long uid) {
    int i = Arrays.binarySearch(uids, 0, size, uid);
    return i < 0 ? 0 : i + 1;
  }

  /** Adds a UID above every known one (a new message). */
  public void append(long uid) {
    if (uid <= maxUid()) {
      throw new IllegalArgumentException("UIDs must grow: " + uid);
    }
    if (size == uids.length) {
      uids = Arrays.copyOf(uids, size * 2);
    }
    uids[size++] = uid;
  }

  /** Removes a UID; returns the sequence number it had (what EXPUNGE announces), or 0. */
  public int remove(long uid) {
    int seq = seqOf(uid);
    if (seq > 0) {
      System.arraycopy(uids, seq, uids, seq - 1, size - seq);
      size--;
    }
    return seq;
  }

  /**
   * UIDs of the messages a sequence-number set names, ascending. Numbers beyond the mailbox are an
   * error, as Dovecot does; "*" is the last message.
   */
  public List<Long> uidsOfSequenceSet(SequenceSet set) {
    var result = new java.util.TreeSet<Long>();
    for (var range : set.ranges()) {
      long low = range.low(size);
      long high = range.high(size);
      if (low < 1 || high > size) {
        throw new InvalidSet("Invalid message sequence number");
      }
      for (long seq = low; seq <= high; seq++) {
        result.add(uids[(int) seq - 1]);
      }
    }
    return new ArrayList<>(result);
  }

  /** UIDs in a UID set that this session knows, ascending ("*" is the highest known UID). */
  public List<Long> uidsOfUidSet(SequenceSet set) {
    var result = new java.util.TreeSet<Long>();
    long max = maxUid();
    for (var range : set.ranges()) {
      long low = range.low(max);
      long high = range.high(max);
      int from = Arrays.binarySearch(uids, 0, size, low);
      from = from < 0 ? -from - 1 : from;
      for (int i = from; i < size && uids[i] <= high; i++) {
        result.add(uids[i]);
      }
    }
    return new ArrayList<>(result);
  }

  /** A sequence set that names messages the mailbox does not have. */
  public static final class InvalidSet extends RuntimeException {
    public InvalidSet(String message) {
      super(message, null, false, false);
    }
  }
}
