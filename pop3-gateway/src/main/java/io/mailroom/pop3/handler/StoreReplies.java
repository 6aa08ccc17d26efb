package io.mailroom.pop3.handler;

import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.response.ResponseCode;
import io.mailroom.pop3.store.StoreFailure;
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
    switch (failure.reason()) {
      case AUTHENTICATION_FAILED:
        return Reply.err(ResponseCode.AUTH, "authentication failed");
      case IN_USE:
        return Reply.err(ResponseCode.IN_USE, "maildrop already locked");
      case EXPIRED:
        return Reply.err(ResponseCode.SYS_TEMP, "session expired, log in again");
      case NONEXISTENT:
        return Reply.err("message no longer exists");
      case TEMPORARY:
        LOG.warnf("store unavailable: %s", failure.getMessage());
        return Reply.err(ResponseCode.SYS_TEMP, "mail store unavailable, try again later");
      default:
        LOG.errorf("store refused: %s", failure.getMessage());
        return Reply.err(ResponseCode.SYS_PERM, "mail store refused the request");
    }
  }
}
