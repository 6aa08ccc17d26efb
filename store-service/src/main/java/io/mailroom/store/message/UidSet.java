package io.mailroom.store.message;

import io.mailroom.store.StoreFailure;
import java.util.List;

/** Inclusive UID ranges; {@link #STAR} as the last UID means "up to the highest UID". */
public record UidSet(List<Range> ranges) {
  public static final long STAR = 4294967295L;

  public UidSet {
    ranges = List.copyOf(ranges);
  }

  /** The given UIDs (ascending) as ranges of consecutive UIDs. */
  public static UidSet ofUids(List<Long> ascending) {
    java.util.ArrayList<Range> result = new java.util.ArrayList<>();
    int i = 0;
    while (i < ascending.size()) {
      int j = i;
      while (j + 1 < ascending.size() && ascending.get(j + 1) == ascending.get(j) + 1) {
        j++;
      }
      result.add(new Range(ascending.get(i), ascending.get(j)));
      i = j + 1;
    }
    return new UidSet(result);
  }

  public static UidSet of(long first, long last) {
    return new UidSet(List.of(new Range(first, last)));
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** One range, normalised so that first <= last unless last is "*". */
  public record Range(long first, long last) {
    public Range {
      if (first < 0 || last < 0 || first > STAR || last > STAR) {
        throw new StoreFailure(StoreFailure.Reason.BAD_REQUEST, "UID out of range");
      }
      if (last != STAR && first > last) {
        long t = first;
        first = last;
        last = t;
      }
    }

    public boolean toStar() {
      return last == STAR;
    }
  }
}
