package io.mailroom.pop3.handler;

import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.response.ResponseCode;
import io.mailroom.store.client.StoreFailure;
import org.jboss.logging.Logger;

/** The one place where a store failure becomes a POP3 reply (RFC 2449 / RFC 3206 codes). */
final class StoreReplies {
  private static final Logger LOG = Logger.getLogger(StoreReplies.class);

  private StoreReplies() {}

  static Reply.Status status(Throwable error) {
    if (!(error instanceof StoreFailure failure)) {
      LOG.error("unexpected failure in a POP3 command", error);
      return Reply.err(ResponseCode.SYS_TEMP, "internal error, try again later");
    }
    return switch (failure.reason()) {
      case AUTHENTICATION_FAILED -> Reply.err(ResponseCode.AUTH, "authentication failed");
      case INUSE -> Reply.err(ResponseCode.IN_USE, "maildrop already locked");
      case EXPIRED -> Reply.err(ResponseCode.SYS_TEMP, "session expired, log in again");
      case NONEXISTENT, UIDVALIDITY_CHANGED -> Reply.err("message no longer exists");
      case UNAVAILABLE -> {
        LOG.warnf("store unavailable: %s", failure.getMessage());
        yield Reply.err(ResponseCode.SYS_TEMP, "mail store unavailable, try again later");
      }
      // A failure nobody named may pass: like Dovecot's "[SYS/TEMP] Internal error occurred".
      case UNKNOWN -> {
        LOG.errorf("store failed: %s", failure.getMessage());
        yield Reply.err(ResponseCode.SYS_TEMP, "mail store failed, try again later");
      }
      case TRYCREATE,
          ALREADYEXISTS,
          NOSELECT,
          TOOBIG,
          OVERQUOTA,
          CANNOT,
          INVALID_NAME,
          MODIFIED,
          DAMAGED -> {
        LOG.errorf("store refused: %s", failure.getMessage());
        yield Reply.err(ResponseCode.SYS_PERM, "mail store refused the request");
      }
    };
  }
}
