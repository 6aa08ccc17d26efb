package io.mailroom.store.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.CopyReply;
import io.mailroom.store.api.v1.CopyRequest;
import io.mailroom.store.api.v1.StatusRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The storage quota on the paths that add mail over gRPC: APPEND and COPY refused, MOVE not. */
@QuarkusTest
class QuotaTest {
  @Inject Pool pool;

  @Test
  void anAppendOverTheQuotaIsRefusedAndStoresNothing() {
    StoreClient user = StoreClient.create("quota");
    String fits = StoreClient.message("fills the quota exactly", "x");
    user.quota(fits.length());
    user.append("INBOX", fits);

    // The quota is the account's, not the mailbox's: another mailbox is full too.
    String over = StoreClient.message("one too many", "y");
    Throwable e = catchThrowable(() -> user.append("Sent", over));
    assertThat(StoreClient.code(e)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(StoreClient.errorCode(e)).isEqualTo("OVERQUOTA");

    var sent = user.select("Sent").getMailbox();
    assertThat(sent.getMessages()).isZero();
    assertThat(sent.getUidNext()).isEqualTo(1);
    assertThat(StoreClient.contentRows(pool, fits)).isEqualTo(1);
    assertThat(StoreClient.contentRows(pool, over))
        .as("content rows of the refused message")
        .isZero();
    assertThat(user.usedBytes()).isEqualTo(fits.length());

    user.quota(0);
    assertThat(user.append("Sent", over).getUid()).isEqualTo(1);
  }

  @Test
  void aFullAccountStillMovesButCannotCopy() {
    StoreClient user = StoreClient.create("quota");
    String message = StoreClient.message("kept", "body");
    user.append("INBOX", message);
    user.quota(message.length());

    var moved = copy(user, "INBOX", "Archive", true);
    assertThat(moved.getTargetUidsList()).containsExactly(1);

    Throwable e = catchThrowable(() -> copy(user, "Archive", "INBOX", false));
    assertThat(StoreClient.code(e)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(StoreClient.errorCode(e)).isEqualTo("OVERQUOTA");

    var statuses =
        user.mailboxes()
            .status(StatusRequest.newBuilder().addNames("INBOX").addNames("Archive").build());
    assertThat(statuses.getStatuses(0).getMessages()).isZero();
    assertThat(statuses.getStatuses(1).getMessages()).isEqualTo(1);
    assertThat(user.usedBytes()).isEqualTo(message.length());
  }

  /** COPY (or MOVE) of UID 1. */
  private static CopyReply copy(StoreClient user, String from, String to, boolean move) {
    return user.messages()
        .copy(
            CopyRequest.newBuilder()
                .setSource(user.ref(from))
                .setUids(StoreClient.uids(1, 1))
                .setTarget(to)
                .setMove(move)
                .build());
  }
}
