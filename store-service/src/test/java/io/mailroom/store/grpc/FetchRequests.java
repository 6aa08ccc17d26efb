package io.mailroom.store.grpc;

import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.FetchRequest;

/** The FETCH request of a UID range that several Messages tests start from. */
final class FetchRequests {
  private FetchRequests() {}

  static FetchRequest.Builder fetch(StoreClient user, String mailbox, long first, long last) {
    return FetchRequest.newBuilder()
        .setMailbox(user.ref(mailbox))
        .setUids(StoreClient.uids(first, last));
  }
}
