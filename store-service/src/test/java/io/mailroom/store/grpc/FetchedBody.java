package io.mailroom.store.grpc;

import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.FetchRequest;

/** BODY[] of one message, for tests outside this package. */
public final class FetchedBody {
  private final Fetched fetched;
  private final int uid;

  public FetchedBody(StoreClient user, String mailbox, int uid) {
    this.uid = uid;
    this.fetched =
        new Fetched(
            user.messages()
                .fetch(
                    FetchRequest.newBuilder()
                        .setMailbox(user.ref(mailbox))
                        .setUids(StoreClient.uids(uid, uid))
                        .addSections(BodySection.newBuilder())
                        .build()));
  }

  public String text() {
    return fetched.text(uid, 0);
  }

  public byte[] bytes() {
    return fetched.bytes(uid, 0);
  }

  public int maxChunk() {
    return fetched.maxChunk;
  }
}
