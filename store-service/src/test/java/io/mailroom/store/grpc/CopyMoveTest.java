package io.mailroom.store.grpc;

import static io.mailroom.store.grpc.FetchRequests.fetch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.CopyRequest;
import io.mailroom.store.api.v1.StatusRequest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Messages.Copy with and without move. */
@QuarkusTest
class CopyMoveTest {

  @Test
  void copyAndMoveShareContentAndReportUids() {
    StoreClient user = StoreClient.create("msg");
    String message = StoreClient.message("copied", "body");
    user.append("INBOX", message);
    user.append("INBOX", StoreClient.message("moved", "body"));
    var ref = user.ref("INBOX");
    var copied =
        user.messages()
            .copy(
                CopyRequest.newBuilder()
                    .setSource(ref)
                    .setUids(StoreClient.uids(1, 1))
                    .setTarget("Archive")
                    .build());
    assertThat(copied.getSourceUidsList()).containsExactly(1);
    assertThat(copied.getTargetUidsList()).containsExactly(1);

    var moved =
        user.messages()
            .copy(
                CopyRequest.newBuilder()
                    .setSource(ref)
                    .setUids(StoreClient.uids(2, 2))
                    .setTarget("Archive")
                    .setMove(true)
                    .build());
    assertThat(moved.getTargetUidsList()).containsExactly(2);
    assertThat(moved.getExpungedUidsList()).containsExactly(2);

    var statuses =
        user.mailboxes()
            .status(StatusRequest.newBuilder().addNames("INBOX").addNames("Archive").build());
    assertThat(statuses.getStatuses(0).getMessages()).isEqualTo(1);
    assertThat(statuses.getStatuses(1).getMessages()).isEqualTo(2);
    var got =
        new Fetched(
            user.messages()
                .fetch(fetch(user, "Archive", 1, 1).addSections(BodySection.newBuilder()).build()));
    assertThat(got.text(1, 0)).isEqualTo(message);

    Throwable missing =
        catchThrowable(
            () ->
                user.messages()
                    .copy(
                        CopyRequest.newBuilder()
                            .setSource(ref)
                            .setUids(StoreClient.all())
                            .setTarget("Nowhere")
                            .build()));
    assertThat(StoreClient.errorCode(missing)).isEqualTo("TRYCREATE");
    var created =
        user.messages()
            .copy(
                CopyRequest.newBuilder()
                    .setSource(ref)
                    .setUids(StoreClient.all())
                    .setTarget("Filed/Here")
                    .setCreateTarget(true)
                    .build());
    assertThat(created.getTargetUidsList()).containsExactly(1);
  }
}
