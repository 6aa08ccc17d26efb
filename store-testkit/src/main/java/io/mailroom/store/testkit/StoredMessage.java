package io.mailroom.store.testkit;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A message in an in-memory INBOX: its UID, its bytes as the store keeps them (CRLF line ends), its
 * immutable id (the POP3 UIDL) and its flags, which change.
 */
public final class StoredMessage {
  private final long uid;
  private final byte[] bytes;
  private final String uidl;
  private final Set<String> flags = ConcurrentHashMap.newKeySet();

  StoredMessage(long uid, byte[] bytes, String uidl) {
    this.uid = uid;
    this.bytes = bytes;
    this.uidl = uidl;
  }

  public long uid() {
    return uid;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String uidl() {
    return uidl;
  }

  /** The flags in the order the real store answers them: sorted. */
  public List<String> flags() {
    return List.copyOf(new TreeSet<>(flags));
  }

  boolean addFlags(List<String> added) {
    return flags.addAll(added);
  }

  boolean removeFlags(List<String> removed) {
    return flags.removeAll(removed);
  }

  boolean replaceFlags(List<String> replacement) {
    if (flags.equals(Set.copyOf(replacement))) {
      return false;
    }
    flags.clear();
    flags.addAll(replacement);
    return true;
  }

  /**
   * The size the maildrop listing reports, as the store computes it: what RETR sends before
   * dot-stuffing, so a message whose last line lacks its CRLF counts the two octets the gateway
   * adds (an empty message counts as ending in one).
   */
  long listingSize() {
    int n = bytes.length;
    boolean endsWithCrlf = n == 0 || (n >= 2 && bytes[n - 2] == '\r' && bytes[n - 1] == '\n');
    return endsWithCrlf ? n : n + 2;
  }

  byte[] sharedBytes() {
    return bytes;
  }
}
