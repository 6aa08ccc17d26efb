package io.mailroom.imap.session;

import io.mailroom.store.client.mailbox.Changes;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.mailroom.store.client.mailbox.MessageState;
import io.mailroom.store.client.mailbox.OpenedMailbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one session knows of its selected mailbox: the sequence map, the flags the client was told,
 * the MODSEQ it is in sync with, and news it has not been told yet.
 *
 * <p>A message expunged elsewhere stays in the map until the client may be told (an EXPUNGE is
 * never sent during FETCH, STORE or SEARCH), so the client's sequence numbers stay right.
 */
public final class SelectedMailbox {
  private final MailboxRef ref;
  private final String name;
  private final boolean readOnly;
  private final MessageSequence sequence;
  private final Map<Long, List<String>> flags = new HashMap<>();
  private final Map<Long, Long> modseqs = new HashMap<>();
  private final long firstRecentUid;
  private long modseq;
  private final TreeSet<Long> pendingExpunges = new TreeSet<>();
  private final Set<Long> pendingFlags = new LinkedHashSet<>();
  private int announcedExists;

  public SelectedMailbox(OpenedMailbox opened) {
    this.ref = opened.ref();
    this.name = opened.name();
    this.readOnly = opened.readOnly();
    this.sequence = new MessageSequence(opened.messages().stream().map(MessageState::uid).toList());
    opened.messages().forEach(m -> flags.put(m.uid(), m.flags()));
    opened.messages().forEach(m -> modseqs.put(m.uid(), m.modseq()));
    this.firstRecentUid = opened.firstRecentUid() == 0 ? Long.MAX_VALUE : opened.firstRecentUid();
    this.modseq = opened.highestModseq();
    this.announcedExists = sequence.size();
  }

  public MailboxRef ref() {
    return ref;
  }

  public String name() {
    return name;
  }

  public boolean readOnly() {
    return readOnly;
  }

  public MessageSequence sequence() {
    return sequence;
  }

  public long modseq() {
    return modseq;
  }

  public boolean isRecent(long uid) {
    return uid >= firstRecentUid;
  }

  public int recentCount() {
    int n = 0;
    for (int seq = sequence.size(); seq >= 1 && isRecent(sequence.uidAt(seq)); seq--) {
      n++;
    }
    return n;
  }

  /** Flags as the client should see them, \Recent included. */
  public List<String> flagsOf(long uid) {
    List<String> known = flags.getOrDefault(uid, List.of());
    if (!isRecent(uid)) {
      return known;
    }
    var withRecent = new ArrayList<>(known);
    withRecent.add("\\Recent");
    return withRecent;
  }

  /** The message's MODSEQ as far as this session knows (0 if unknown). */
  public long modseqOf(long uid) {
    return modseqs.getOrDefault(uid, 0L);
  }

  /** The client is told this MODSEQ (a STORE or FETCH result); never goes backwards. */
  public void modseqSeen(long uid, long modseq) {
    if (sequence.seqOf(uid) > 0 && modseq > 0) {
      modseqs.merge(uid, modseq, Math::max);
    }
  }

  public boolean isExpungePending(long uid) {
    return pendingExpunges.contains(uid);
  }

  /** The client now knows these flags (after its own STORE or FETCH). */
  public void flagsSeen(long uid, List<String> newFlags) {
    if (sequence.seqOf(uid) > 0) {
      flags.put(uid, List.copyOf(newFlags));
      pendingFlags.remove(uid);
    }
  }

  /** Messages this session's own EXPUNGE or MOVE removed. */
  public void expunged(List<Long> uids) {
    for (long uid : uids) {
      if (sequence.seqOf(uid) > 0) {
        pendingExpunges.add(uid);
      }
    }
  }

  /** Folds in what the store says changed; returns false if the mailbox was re-created. */
  public boolean apply(Changes changes) {
    if (changes.uidValidityChanged()) {
      return false;
    }
    var gone = new java.util.HashSet<>(changes.expunged());
    expunged(changes.expunged());
    for (MessageState state : changes.changed()) {
      if (gone.contains(state.uid())) {
        continue;
      }
      if (sequence.seqOf(state.uid()) > 0) {
        modseqSeen(state.uid(), state.modseq());
        if (!state.flags().equals(flags.get(state.uid()))) {
          flags.put(state.uid(), state.flags());
          pendingFlags.add(state.uid());
        }
      } else if (state.uid() > sequence.maxUid()) {
        sequence.append(state.uid());
        flags.put(state.uid(), state.flags());
        modseqs.put(state.uid(), state.modseq());
      }
    }
    modseq = Math.max(modseq, changes.highestModseq());
    return true;
  }

  /**
   * The updates the client may be told now, applied to the map. Expunges only when {@code
   * expungeAllowed}; each EXPUNGE carries the number the message has after the ones before it.
   */
  public List<MailboxUpdate> drain(boolean expungeAllowed) {
    var updates = new ArrayList<MailboxUpdate>();
    if (expungeAllowed) {
      for (long uid : pendingExpunges) {
        int seq = sequence.remove(uid);
        flags.remove(uid);
        modseqs.remove(uid);
        pendingFlags.remove(uid);
        if (seq > 0) {
          updates.add(new MailboxUpdate.Expunge(seq));
          announcedExists--;
        }
      }
      pendingExpunges.clear();
    }
    if (announcedExists != sequence.size()) {
      announcedExists = sequence.size();
      updates.add(new MailboxUpdate.Exists(sequence.size()));
      updates.add(new MailboxUpdate.Recent(recentCount()));
    }
    for (long uid : pendingFlags) {
      if (pendingExpunges.contains(uid)) {
        continue;
      }
      int seq = sequence.seqOf(uid);
      if (seq > 0) {
        updates.add(new MailboxUpdate.FlagsChanged(seq, uid, flagsOf(uid), modseqOf(uid)));
      }
    }
    pendingFlags.clear();
    return updates;
  }
}
