package io.mailroom.store.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.ChangesRequest;
import io.mailroom.store.api.v1.CopyRequest;
import io.mailroom.store.api.v1.ExpungeRequest;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.FlagMode;
import io.mailroom.store.api.v1.ListMailboxesRequest;
import io.mailroom.store.api.v1.MailboxRef;
import io.mailroom.store.api.v1.SearchRequest;
import io.mailroom.store.api.v1.StatusRequest;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A's token must never reach B's data: B's mailbox ids look like ids that do not exist. */
@QuarkusTest
class IsolationTest {

  @Test
  void aTokenOfOneAccountCannotReachAnotherAccountsMailbox() {
    StoreClient a = StoreClient.create("iso-a");
    StoreClient b = StoreClient.create("iso-b");
    b.append("INBOX", StoreClient.message("private", "for b only"));
    MailboxRef bInbox = b.ref("INBOX");

    List<Supplier<Object>> calls =
        List.of(
            () ->
                a.messages()
                    .fetch(
                        FetchRequest.newBuilder()
                            .setMailbox(bInbox)
                            .setUids(StoreClient.all())
                            .setFlags(true)
                            .build())
                    .next(),
            () ->
                a.messages()
                    .storeFlags(
                        StoreFlagsRequest.newBuilder()
                            .setMailbox(bInbox)
                            .setUids(StoreClient.all())
                            .setMode(FlagMode.FLAG_MODE_ADD)
                            .addFlags("\\Deleted")
                            .build()),
            () ->
                a.messages()
                    .copy(
                        CopyRequest.newBuilder()
                            .setSource(bInbox)
                            .setUids(StoreClient.all())
                            .setTarget("INBOX")
                            .build()),
            () -> a.messages().expunge(ExpungeRequest.newBuilder().setMailbox(bInbox).build()),
            () -> a.messages().search(SearchRequest.newBuilder().setMailbox(bInbox).build()),
            () -> a.messages().changes(ChangesRequest.newBuilder().setMailbox(bInbox).build()));
    for (Supplier<Object> call : calls) {
      Throwable e = catchThrowable(call::get);
      assertThat(StoreClient.code(e)).isIn(Status.Code.NOT_FOUND, Status.Code.PERMISSION_DENIED);
    }

    // by name, every account only sees its own
    assertThat(a.select("INBOX").getMailbox().getMessages()).isZero();
    assertThat(
            a.mailboxes()
                .status(StatusRequest.newBuilder().addNames("INBOX").build())
                .getStatuses(0)
                .getMailboxId())
        .isNotEqualTo(bInbox.getMailboxId());
    assertThat(
            a.mailboxes()
                .list(ListMailboxesRequest.newBuilder().setPattern("*").build())
                .getMailboxesList())
        .noneMatch(m -> m.getMailboxId() == bInbox.getMailboxId());
    // and B's message is untouched
    assertThat(b.select("INBOX").getMailbox().getMessages()).isEqualTo(1);
  }
}
