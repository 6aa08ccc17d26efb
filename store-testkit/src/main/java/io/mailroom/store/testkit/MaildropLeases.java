package io.mailroom.store.testkit;

import io.grpc.Status;
import io.mailroom.store.api.v1.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** The POP3 maildrop leases: one holder per account, with the real store's bounds on a lease. */
final class MaildropLeases {
  // The real store's bounds on a lease (MaildropService).
  private static final int DEFAULT_LEASE_SECONDS = 60;
  private static final int MAX_LEASE_SECONDS = 3600;

  private final Map<String, MaildropLease> leases = new HashMap<>();
  private final AtomicInteger renewalsRefused = new AtomicInteger();

  synchronized void clear() {
    leases.clear();
    renewalsRefused.set(0);
  }

  synchronized boolean locked(String username) {
    MaildropLease held = leases.get(username);
    return held != null && held.liveAt(System.currentTimeMillis());
  }

  synchronized void steal(String username) {
    long expires = System.currentTimeMillis() + 60_000;
    leases.put(username, new MaildropLease("thief-" + UUID.randomUUID(), username, expires));
  }

  int renewalsRefused() {
    return renewalsRefused.get();
  }

  synchronized MaildropLease lock(String username, int leaseSeconds) {
    if (locked(username)) {
      throw StoreErrors.refusal(
          Status.FAILED_PRECONDITION, ErrorCode.INUSE, "maildrop is locked by another session");
    }
    var lease = new MaildropLease(UUID.randomUUID().toString(), username, expiry(leaseSeconds));
    leases.put(username, lease);
    return lease;
  }

  synchronized MaildropLease renew(String username, String lockId, int leaseSeconds) {
    if (!holds(username, lockId)) {
      renewalsRefused.incrementAndGet();
      throw StoreErrors.refusal(
          Status.FAILED_PRECONDITION, ErrorCode.EXPIRED, "maildrop lease expired");
    }
    var lease = new MaildropLease(lockId, username, expiry(leaseSeconds));
    leases.put(username, lease);
    return lease;
  }

  synchronized void release(String username, String lockId) {
    leases.computeIfPresent(username, (u, l) -> l.lockId().equals(lockId) ? null : l);
  }

  synchronized boolean holds(String username, String lockId) {
    MaildropLease held = leases.get(username);
    return held != null && held.lockId().equals(lockId) && held.liveAt(System.currentTimeMillis());
  }

  private static long expiry(int requestedSeconds) {
    int seconds =
        requestedSeconds <= 0
            ? DEFAULT_LEASE_SECONDS
            : Math.min(requestedSeconds, MAX_LEASE_SECONDS);
    return System.currentTimeMillis() + seconds * 1000L;
  }
}
