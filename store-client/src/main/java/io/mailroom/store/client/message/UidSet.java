package io.mailroom.store.client.message;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** UIDs as inclusive ranges; {@link #MAX} as last means "up to the highest UID". */
public record UidSet(List<Range> ranges) {
  public static final long MAX = 4294967295L;

  public record Range(long first, long last) {
    public Range {
      if (first < 1 || last < first || last > MAX) {
        throw new IllegalArgumentException("bad UID range " + first + ":" + last);
      }
    }
  }

  public UidSet {
    ranges = List.copyOf(ranges);
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  public static UidSet one(long uid) {
    return new UidSet(List.of(new Range(uid, uid)));
  }

  /** Compacts UIDs into ranges, in any order, repeated or not. */
  public static UidSet of(Collection<Long> uids) {
    var ranges = new ArrayList<Range>();
    long first = -1;
    long last = -1;
    for (long uid : new TreeSet<>(uids)) {
      if (first < 0) {
        first = last = uid;
      } else if (uid == last + 1) {
        last = uid;
      } else {
        ranges.add(new Range(first, last));
        first = last = uid;
      }
    }
    if (first > 0) {
      ranges.add(new Range(first, last));
    }
    return new UidSet(ranges);
  }

  public boolean contains(long uid) {
    for (Range r : ranges) {
      if (uid >= r.first && uid <= r.last) {
        return true;
      }
    }
    return false;
  }

  /** The IMAP form "1:3,7" (for COPYUID / APPENDUID). */
  public String toImap() {
    var sb = new StringBuilder();
    for (Range r : ranges) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(r.first);
      if (r.last != r.first) {
        sb.append(':').append(r.last == MAX ? "*" : Long.toString(r.last));
      }
    }
    return sb.toString();
  }
}
