package io.mailroom.store.testkit;

import io.grpc.Status;
import io.mailroom.mime.MessageParser;
import io.mailroom.mime.ParsedMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A message in an in-memory mailbox: its UID, its bytes as the store keeps them (CRLF line ends),
 * its immutable id (the POP3 UIDL, IMAP EMAILID), its internal date, the MIME parse the real store
 * makes at ingest (mail-mime's, so ENVELOPE, BODYSTRUCTURE and sections are the real store's
 * output), and its flags and MODSEQ, which change.
 */
public final class StoredMessage {
  private final long uid;
  private final byte[] bytes;
  private final String uidl;
  private final long internalDateMs;
  private final int internalDateOffsetMinutes;
  private final ParsedMessage parsed;
  private final TreeSet<String> flags = new TreeSet<>();
  private long modseq;

  StoredMessage(long uid, byte[] bytes, String uidl) {
    this(uid, bytes, uidl, System.currentTimeMillis(), 0, parse(bytes), List.of(), 1);
  }

  private StoredMessage(
      long uid,
      byte[] bytes,
      String uidl,
      long internalDateMs,
      int internalDateOffsetMinutes,
      ParsedMessage parsed,
      Collection<String> flags,
      long modseq) {
    this.uid = uid;
    this.bytes = bytes;
    this.uidl = uidl;
    this.internalDateMs = internalDateMs;
    this.internalDateOffsetMinutes = internalDateOffsetMinutes;
    this.parsed = parsed;
    this.flags.addAll(canonical(flags));
    this.modseq = modseq;
  }

  /** A new message as ingest stores it: parsed once. */
  static StoredMessage ingested(
      long uid, byte[] crlfBytes, long internalDateMs, int offsetMinutes, List<String> flags) {
    String uidl = "M" + java.util.UUID.randomUUID().toString().replace("-", "");
    return new StoredMessage(
        uid, crlfBytes, uidl, internalDateMs, offsetMinutes, parse(crlfBytes), flags, 0);
  }

  /** A COPY: the same content (and id) under a new UID, with the flags it gets there. */
  StoredMessage copyAs(long newUid, Collection<String> addFlags, long newModseq) {
    var copyFlags = new TreeSet<>(flags);
    copyFlags.addAll(canonical(addFlags));
    return new StoredMessage(
        newUid,
        bytes,
        uidl,
        internalDateMs,
        internalDateOffsetMinutes,
        parsed,
        copyFlags,
        newModseq);
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
  public synchronized List<String> flags() {
    return List.copyOf(flags);
  }

  public synchronized long modseq() {
    return modseq;
  }

  long internalDateMs() {
    return internalDateMs;
  }

  int internalDateOffsetMinutes() {
    return internalDateOffsetMinutes;
  }

  ParsedMessage parsed() {
    return parsed;
  }

  synchronized void modseq(long value) {
    modseq = value;
  }

  /** The flags this change would leave, as the store keeps them: canonical and sorted. */
  synchronized TreeSet<String> flagsAfter(FlagChange change, List<String> given) {
    var after = new TreeSet<>(flags);
    List<String> canonical = canonical(given);
    switch (change) {
      case ADD -> after.addAll(canonical);
      case REMOVE -> after.removeAll(canonical);
      case REPLACE -> {
        after.clear();
        after.addAll(canonical);
      }
    }
    return after;
  }

  /** Sets the flags; false (and nothing changes) when they are the same already. */
  synchronized boolean setFlags(TreeSet<String> after, long newModseq) {
    if (after.equals(flags)) {
      return false;
    }
    flags.clear();
    flags.addAll(after);
    modseq = newModseq;
    return true;
  }

  boolean addFlags(List<String> added) {
    return setFlags(flagsAfter(FlagChange.ADD, added), modseq());
  }

  boolean hasFlag(String flag) {
    return flags().contains(flag);
  }

  /** What STORE does to the flags. */
  enum FlagChange {
    ADD,
    REMOVE,
    REPLACE
  }

  /**
   * Flags as the real store keeps them (its message/Flags): system flags spelled canonically,
   * keywords as given, \Recent never stored; an empty or spaced flag is a bad request.
   */
  static List<String> canonical(Collection<String> given) {
    var sorted = new TreeSet<String>();
    for (String flag : given) {
      if (flag.isEmpty() || flag.length() > 200 || flag.chars().anyMatch(c -> c <= 0x20)) {
        throw StoreErrors.refusal(Status.INVALID_ARGUMENT, null, "bad flag");
      }
      if (flag.equalsIgnoreCase("\\Recent")) {
        continue;
      }
      sorted.add(
          MailboxViews.SYSTEM_FLAGS.stream()
              .filter(system -> system.equalsIgnoreCase(flag))
              .findFirst()
              .orElse(flag));
    }
    return List.copyOf(sorted);
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

  private static ParsedMessage parse(byte[] crlfBytes) {
    try {
      return new MessageParser().parse(new ByteArrayInputStream(crlfBytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
