package io.mailroom.imap.handler;

import io.mailroom.store.client.StoreFailure;

/** The one mapping from a store failure to an IMAP response code and text. */
public final class StoreErrors {
  private StoreErrors() {}

  public static Completion completion(Throwable error) {
    if (!(error instanceof StoreFailure failure)) {
      return Completion.no("SERVERBUG", "Internal error");
    }
    return switch (failure.reason()) {
      case AUTHENTICATION_FAILED -> Completion.no("AUTHENTICATIONFAILED", "Authentication failed");
      case NONEXISTENT -> Completion.no("NONEXISTENT", "Mailbox doesn't exist");
      case TRYCREATE -> Completion.no("TRYCREATE", "Mailbox doesn't exist");
      case ALREADYEXISTS -> Completion.no("ALREADYEXISTS", "Mailbox already exists");
      case NOSELECT -> Completion.no("CANNOT", "Mailbox isn't selectable");
      case TOOBIG -> Completion.no("TOOBIG", "Message too large");
      case OVERQUOTA -> Completion.no("OVERQUOTA", "Quota exceeded");
      case INUSE -> Completion.no("INUSE", "Mailbox in use");
      case CANNOT -> Completion.no("CANNOT", "Operation not permitted");
      case INVALID_NAME -> Completion.no("CANNOT", "Invalid mailbox name");
      case MODIFIED -> Completion.no(null, "Messages were modified");
      // Neither can be fixed within this session: the connection ends after the reply.
      case EXPIRED ->
          Completion.no("EXPIRED", "Session expired, log in again").then(Completion.After.CLOSE);
      case UIDVALIDITY_CHANGED ->
          Completion.no(null, "Mailbox was re-created, select it again")
              .then(Completion.After.CLOSE);
      case UNAVAILABLE -> Completion.no("UNAVAILABLE", "Mail store unavailable, try again");
      case DAMAGED, UNKNOWN -> Completion.no("SERVERBUG", "Internal error");
    };
  }
}
