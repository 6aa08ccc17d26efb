package io.mailroom.store.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.ChangesRequest;
import io.mailroom.store.api.v1.ExpungeMode;
import io.mailroom.store.api.v1.ExpungeRequest;
import io.mailroom.store.api.v1.FlagMode;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Messages.StoreFlags, Expunge and Changes. */
@QuarkusTest
class FlagsAndExpungeTest {

  @Test
  void storeFlagsAddsRemovesReplacesAndHonoursUnchangedSince() {
    StoreClient user = StoreClient.create("msg");
    user.append("INBOX", StoreClient.message("a", "x"));
    user.append("INBOX", StoreClient.message("b", "x"));
    var ref = user.ref("INBOX");
    var added =
        user.messages()
            .storeFlags(
                StoreFlagsRequest.newBuilder()
                    .setMailbox(ref)
                    .setUids(StoreClient.all())
                    .setMode(FlagMode.FLAG_MODE_ADD)
                    .addFlags("\\seen")
                    .addFlags("work")
                    .build());
    assertThat(added.getUpdatedList()).hasSize(2);
    assertThat(added.getUpdated(0).getFlagsList()).containsExactly("\\Seen", "work");
    long modseq = added.getHighestModseq();

    var removed =
        user.messages()
            .storeFlags(
                StoreFlagsRequest.newBuilder()
                    .setMailbox(ref)
                    .setUids(StoreClient.uids(1, 1))
                    .setMode(FlagMode.FLAG_MODE_REMOVE)
                    .addFlags("work")
                    .build());
    assertThat(removed.getUpdated(0).getFlagsList()).containsExactly("\\Seen");
    assertThat(removed.getHighestModseq()).isGreaterThan(modseq);

    var conditional =
        user.messages()
            .storeFlags(
                StoreFlagsRequest.newBuilder()
                    .setMailbox(ref)
                    .setUids(StoreClient.all())
                    .setMode(FlagMode.FLAG_MODE_REPLACE)
                    .addFlags("\\Answered")
                    .setUnchangedSince(modseq)
                    .build());
    assertThat(conditional.getUpdatedList()).extracting(s -> s.getUid()).containsExactly(2);
    assertThat(conditional.getModified().getRanges(0).getFirst()).isEqualTo(1);
  }

  @Test
  void expungeRemovesDeletedAndChangesReportsIt() {
    StoreClient user = StoreClient.create("msg");
    for (int i = 0; i < 4; i++) {
      user.append("INBOX", StoreClient.message("m" + i, "x"));
    }
    var ref = user.ref("INBOX");
    long before = user.select("INBOX").getMailbox().getHighestModseq();
    user.messages()
        .storeFlags(
            StoreFlagsRequest.newBuilder()
                .setMailbox(ref)
                .setUids(StoreClient.uids(1, 2))
                .setMode(FlagMode.FLAG_MODE_ADD)
                .addFlags("\\Deleted")
                .build());
    var inSet =
        user.messages()
            .expunge(
                ExpungeRequest.newBuilder()
                    .setMailbox(ref)
                    .setMode(ExpungeMode.EXPUNGE_MODE_DELETED_IN_SET)
                    .setUids(StoreClient.uids(2, 3))
                    .build());
    assertThat(inSet.getExpungedUidsList()).containsExactly(2);
    var all =
        user.messages()
            .expunge(
                ExpungeRequest.newBuilder()
                    .setMailbox(ref)
                    .setMode(ExpungeMode.EXPUNGE_MODE_ALL_DELETED)
                    .build());
    assertThat(all.getExpungedUidsList()).containsExactly(1);
    var forced =
        user.messages()
            .expunge(
                ExpungeRequest.newBuilder()
                    .setMailbox(ref)
                    .setMode(ExpungeMode.EXPUNGE_MODE_ALL_IN_SET)
                    .setUids(StoreClient.uids(4, 4))
                    .build());
    assertThat(forced.getExpungedUidsList()).containsExactly(4);

    var changes =
        user.messages()
            .changes(ChangesRequest.newBuilder().setMailbox(ref).setSinceModseq(before).build());
    assertThat(changes.getExpungedUidsList()).containsExactly(1, 2, 4);
    assertThat(changes.getMessages()).isEqualTo(1);
    assertThat(changes.getChangedList()).isEmpty();
  }
}
