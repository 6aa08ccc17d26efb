package io.mailroom.bench.lmtp;

import io.mailroom.bench.Account;
import io.mailroom.bench.imap.ImapClient;
import io.mailroom.bench.imap.ImapResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * One recipient's INBOX, watched by an IMAP session in IDLE while the lmtp workload delivers: when
 * each delivery's last 250 arrived and when each new message showed up as {@code * n EXISTS}.
 *
 * <p>The k-th delivery is paired with the k-th message above the EXISTS that SELECT reported.
 * Deliveries to one mailbox over parallel connections may commit in another order than their 250s
 * arrive, which can swap two pairings; over thousands of messages that does not move a percentile.
 * An EXISTS that jumps by several messages marks each of them seen at that moment.
 */
final class InboxWatch {

  final Account account;
  final ImapClient imap;
  private final long baseline;
  private final List<Long> delivered = new ArrayList<>();
  private final List<Long> seen = new ArrayList<>();

  InboxWatch(Account account, ImapClient imap, long baseline) {
    this.account = account;
    this.imap = imap;
    this.baseline = Math.max(0, baseline);
  }

  long baseline() {
    return baseline;
  }

  /** Listener for the IDLE session's untagged responses. */
  void onUntagged(ImapResponse response) {
    long exists = response.numbered("EXISTS");
    if (exists >= 0) {
      sawExists(exists, System.nanoTime());
    }
  }

  synchronized void sawExists(long exists, long nanos) {
    while (baseline + seen.size() < exists) {
      seen.add(nanos);
    }
  }

  synchronized void delivered(long nanos) {
    delivered.add(nanos);
  }

  synchronized int deliveredCount() {
    return delivered.size();
  }

  synchronized boolean allSeen() {
    return seen.size() >= delivered.size();
  }

  synchronized int seenCount() {
    return seen.size();
  }

  /** Nanoseconds from each delivery's 250 to its EXISTS, for the deliveries seen so far. */
  synchronized List<Long> latencies() {
    List<Long> latencies = new ArrayList<>();
    for (int k = 0; k < Math.min(delivered.size(), seen.size()); k++) {
      // The server may announce the message before the 250 reaches the driver: that is 0, not less.
      latencies.add(Math.max(0, seen.get(k) - delivered.get(k)));
    }
    return latencies;
  }
}
