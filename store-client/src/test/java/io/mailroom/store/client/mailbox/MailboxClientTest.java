package io.mailroom.store.client.mailbox;

import static io.mailroom.store.client.TestStore.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.stub.StreamObserver;
import io.mailroom.store.api.v1.ChangesReply;
import io.mailroom.store.api.v1.ChangesRequest;
import io.mailroom.store.api.v1.CreateMailboxReply;
import io.mailroom.store.api.v1.CreateMailboxRequest;
import io.mailroom.store.api.v1.ListMailboxesReply;
import io.mailroom.store.api.v1.ListMailboxesRequest;
import io.mailroom.store.api.v1.MailboxEntry;
import io.mailroom.store.api.v1.MailboxInfo;
import io.mailroom.store.api.v1.MailboxesGrpc;
import io.mailroom.store.api.v1.MessageStates;
import io.mailroom.store.api.v1.MessagesGrpc;
import io.mailroom.store.api.v1.SelectReply;
import io.mailroom.store.api.v1.SelectRequest;
import io.mailroom.store.api.v1.StatusReply;
import io.mailroom.store.api.v1.StatusRequest;
import io.mailroom.store.client.TestStore;
import io.mailroom.store.client.auth.Login;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MailboxClientTest {
  private static final Login ALICE = new Login("alice", "tok");

  private static final class FakeMailboxes extends MailboxesGrpc.MailboxesImplBase {
    final AtomicReference<Object> last = new AtomicReference<>();

    @Override
    public void list(ListMailboxesRequest request, StreamObserver<ListMailboxesReply> replies) {
      last.set(request);
      replies.onNext(
          ListMailboxesReply.newBuilder()
              .addMailboxes(
                  MailboxEntry.newBuilder().setName("Sent").addAttributes("\\Sent").setMailboxId(4))
              .build());
      replies.onCompleted();
    }

    @Override
    public void create(CreateMailboxRequest request, StreamObserver<CreateMailboxReply> replies) {
      last.set(request);
      replies.onNext(CreateMailboxReply.newBuilder().setMailboxId(5).setUidValidity(-1).build());
      replies.onCompleted();
    }

    @Override
    public void status(StatusRequest request, StreamObserver<StatusReply> replies) {
      replies.onNext(
          StatusReply.newBuilder()
              .addStatuses(
                  io.mailroom.store.api.v1.MailboxStatus.newBuilder()
                      .setName("INBOX")
                      .setMessages(3)
                      .setUidNext(-1)
                      .setSize(300))
              .build());
      replies.onCompleted();
    }
  }

  /** A mailbox of three messages in pages of two; changes since 5 expunged UID 1. */
  private static final class FakeMessages extends MessagesGrpc.MessagesImplBase {
    @Override
    public void select(SelectRequest request, StreamObserver<SelectReply> replies) {
      replies.onNext(
          SelectReply.newBuilder()
              .setMailbox(
                  MailboxInfo.newBuilder()
                      .setMailboxId(7)
                      .setName("INBOX")
                      .setUidValidity(-1)
                      .setUidNext(4)
                      .setFirstRecentUid(3)
                      .setReadOnly(request.getReadOnly()))
              .build());
      replies.onNext(page(1, 2));
      replies.onNext(page(3));
      replies.onCompleted();
    }

    @Override
    public void changes(ChangesRequest request, StreamObserver<ChangesReply> replies) {
      replies.onNext(
          ChangesReply.newBuilder()
              .setHighestModseq(request.getSinceModseq() + 1)
              .addExpungedUids(1)
              .setMessages(2)
              .build());
      replies.onCompleted();
    }

    private static SelectReply page(int... uids) {
      var states = MessageStates.newBuilder();
      for (int uid : uids) {
        states.addStates(io.mailroom.store.api.v1.MessageState.newBuilder().setUid(uid));
      }
      return SelectReply.newBuilder().setPage(states).build();
    }
  }

  private final FakeMailboxes mailboxes = new FakeMailboxes();
  private final TestStore store = new TestStore(mailboxes, new FakeMessages());
  private final MailboxClient client = new MailboxClient(TestStore.calls(), store.stubs());
  private final SelectClient select = new SelectClient(TestStore.calls(), store.stubs());

  @AfterEach
  void close() throws InterruptedException {
    store.close();
  }

  @Test
  void aListAnswersEntriesAndTheDefaultDelimiter() {
    var list = await(client.list(ALICE, "", "*", true));

    assertThat(list.delimiter()).isEqualTo("/");
    assertThat(list.entries()).containsExactly(new MailboxList.Entry("Sent", List.of("\\Sent"), 4));
    assertThat(list.entries().get(0).has("\\sent")).isTrue();
    assertThat(((ListMailboxesRequest) mailboxes.last.get()).getSubscribedOnly()).isTrue();
  }

  @Test
  void aCreatedMailboxIsNamedWithItsSpecialUse() {
    var ref = await(client.create(ALICE, "Archive", Optional.of("\\Archive")));

    assertThat(ref).isEqualTo(new MailboxRef(5, 4294967295L));
    assertThat(((CreateMailboxRequest) mailboxes.last.get()).getSpecialUse())
        .isEqualTo("\\Archive");
  }

  @Test
  void statusCountersAreUnsigned() {
    var status = await(client.status(ALICE, List.of("INBOX"))).get(0);

    assertThat(status.uidNext()).isEqualTo(4294967295L);
    assertThat(status.messages()).isEqualTo(3);
    assertThat(status.size()).isEqualTo(300);
  }

  @Test
  void aSelectCollectsEveryPage() {
    var opened = await(select.select(ALICE, "INBOX", true));

    assertThat(opened.ref()).isEqualTo(new MailboxRef(7, 4294967295L));
    assertThat(opened.readOnly()).isTrue();
    assertThat(opened.firstRecentUid()).isEqualTo(3);
    assertThat(opened.messages()).extracting(MessageState::uid).containsExactly(1L, 2L, 3L);
  }

  @Test
  void changesSinceAModseq() {
    var changes = await(select.changes(ALICE, new MailboxRef(7, 1), 5));

    assertThat(changes.highestModseq()).isEqualTo(6);
    assertThat(changes.expunged()).containsExactly(1L);
    assertThat(changes.messages()).isEqualTo(2);
  }
}
