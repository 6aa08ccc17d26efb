package io.mailroom.store.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.AppendHeader;
import io.mailroom.store.api.v1.AppendReply;
import io.mailroom.store.api.v1.AppendRequest;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.ChangesRequest;
import io.mailroom.store.api.v1.CopyRequest;
import io.mailroom.store.api.v1.ExpungeMode;
import io.mailroom.store.api.v1.ExpungeRequest;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.FlagMode;
import io.mailroom.store.api.v1.SearchKey;
import io.mailroom.store.api.v1.SearchKind;
import io.mailroom.store.api.v1.SearchRequest;
import io.mailroom.store.api.v1.SectionText;
import io.mailroom.store.api.v1.SelectReply;
import io.mailroom.store.api.v1.SelectRequest;
import io.mailroom.store.api.v1.StatusRequest;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MessagesTest {

  private static FetchRequest.Builder fetch(
      StoreClient user, String mailbox, long first, long last) {
    return FetchRequest.newBuilder()
        .setMailbox(user.ref(mailbox))
        .setUids(StoreClient.uids(first, last));
  }

  @Test
  void appendThenFetchGivesTheSameBytes() {
    StoreClient user = StoreClient.create("msg");
    String message = StoreClient.message("Identical", "line one\r\nline two");
    AppendReply appended = user.append("INBOX", message, "\\Flagged", "custom");
    assertThat(appended.getUid()).isEqualTo(1);
    assertThat(appended.getEmailId()).isNotEmpty();

    var got =
        new Fetched(
            user.messages()
                .fetch(
                    fetch(user, "INBOX", 1, 1)
                        .setFlags(true)
                        .setSize(true)
                        .setEmailId(true)
                        .setInternalDate(true)
                        .addSections(BodySection.newBuilder())
                        .build()));
    assertThat(got.metas).hasSize(1);
    assertThat(got.metas.get(0).getFlagsList()).containsExactly("\\Flagged", "custom");
    assertThat(got.metas.get(0).getSize()).isEqualTo(message.length());
    assertThat(got.metas.get(0).getEmailId()).isEqualTo(appended.getEmailId());
    assertThat(got.text(1, 0)).isEqualTo(message);
  }

  @Test
  void fetchCutsHeaderTextHeaderFieldsAndPartials() {
    StoreClient user = StoreClient.create("msg");
    String message = StoreClient.message("Sections", "the body");
    user.append("INBOX", message);
    int headerEnd = message.indexOf("\r\n\r\n") + 4;
    var got =
        new Fetched(
            user.messages()
                .fetch(
                    fetch(user, "INBOX", 1, 1)
                        .addSections(BodySection.newBuilder().setText(SectionText.SECTION_HEADER))
                        .addSections(BodySection.newBuilder().setText(SectionText.SECTION_TEXT))
                        .addSections(
                            BodySection.newBuilder()
                                .setText(SectionText.SECTION_HEADER_FIELDS)
                                .addHeaderFields("subject")
                                .addHeaderFields("TO"))
                        .addSections(
                            BodySection.newBuilder()
                                .setPartial(true)
                                .setPartialOffset(6)
                                .setPartialLength(5))
                        .build()));
    assertThat(got.text(1, 0)).isEqualTo(message.substring(0, headerEnd));
    assertThat(got.text(1, 1)).isEqualTo(message.substring(headerEnd));
    assertThat(got.text(1, 2)).isEqualTo("To: Bob <bob@example.org>\r\nSubject: Sections\r\n\r\n");
    assertThat(got.text(1, 3)).isEqualTo(message.substring(6, 11));
  }

  @Test
  void fetchWithSetSeenMarksTheMessageSeen() {
    StoreClient user = StoreClient.create("msg");
    user.append("INBOX", StoreClient.message("seen", "x"));
    var got =
        new Fetched(
            user.messages()
                .fetch(
                    fetch(user, "INBOX", 1, 1)
                        .setFlags(true)
                        .setSetSeen(true)
                        .addSections(BodySection.newBuilder())
                        .build()));
    assertThat(got.metas.get(0).getFlagsList()).contains("\\Seen");
  }

  @Test
  void selectStreamsTheMailboxThenPagesOfStates() {
    StoreClient user = StoreClient.create("msg");
    for (int i = 0; i < 5; i++) {
      user.append("INBOX", StoreClient.message("m" + i, "x"));
    }
    var replies =
        user.messages().select(SelectRequest.newBuilder().setName("INBOX").setPageSize(2).build());
    SelectReply first = replies.next();
    assertThat(first.getMailbox().getMessages()).isEqualTo(5);
    assertThat(first.getMailbox().getUidNext()).isEqualTo(6);
    assertThat(first.getMailbox().getPermanentFlagsList()).contains("\\*");
    List<Integer> uids = new ArrayList<>();
    int pages = 0;
    while (replies.hasNext()) {
      var page = replies.next().getPage();
      pages++;
      page.getStatesList().forEach(s -> uids.add(s.getUid()));
    }
    assertThat(pages).isEqualTo(3);
    assertThat(uids).containsExactly(1, 2, 3, 4, 5);
  }

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

  @Test
  void searchRunsTheKeyTree() {
    StoreClient user = StoreClient.create("msg");
    user.append("INBOX", StoreClient.message("Quarterly report", "numbers and figures"), "\\Seen");
    user.append("INBOX", StoreClient.message("Lunch", "pizza tomorrow"));
    user.append("INBOX", StoreClient.message("Report draft", "see attached"));
    var ref = user.ref("INBOX");
    assertThat(search(user, ref, key(SearchKind.SEARCH_KIND_HEADER, "subject", "report")))
        .containsExactly(1, 3);
    assertThat(search(user, ref, key(SearchKind.SEARCH_KIND_FLAG_UNSET, "", "\\Seen")))
        .containsExactly(2, 3);
    assertThat(search(user, ref, key(SearchKind.SEARCH_KIND_TEXT, "", "Lunch"))).containsExactly(2);
    assertThat(search(user, ref, key(SearchKind.SEARCH_KIND_HEADER, "x-missing", ""))).isEmpty();
    assertThat(search(user, ref, key(SearchKind.SEARCH_KIND_HEADER, "message-id", "")))
        .containsExactly(1, 2, 3);
    var notSeenAndReport =
        SearchKey.newBuilder()
            .setKind(SearchKind.SEARCH_KIND_AND)
            .addChildren(
                SearchKey.newBuilder()
                    .setKind(SearchKind.SEARCH_KIND_NOT)
                    .addChildren(key(SearchKind.SEARCH_KIND_FLAG_SET, "", "\\Seen")))
            .addChildren(key(SearchKind.SEARCH_KIND_HEADER, "subject", "REPORT"))
            .build();
    assertThat(search(user, ref, notSeenAndReport)).containsExactly(3);
    var larger = SearchKey.newBuilder().setKind(SearchKind.SEARCH_KIND_LARGER).setNumber(1).build();
    assertThat(search(user, ref, larger)).containsExactly(1, 2, 3);
    var uid =
        SearchKey.newBuilder()
            .setKind(SearchKind.SEARCH_KIND_UID)
            .setUids(StoreClient.uids(2, 4294967295L))
            .build();
    assertThat(search(user, ref, uid)).containsExactly(2, 3);
  }

  @Test
  void sentDateKeysUseTheDateHeadersOwnDay() {
    // StoreClient.message is dated Mon, 7 Feb 1994 21:52:25 -0800: already the 8th in UTC.
    StoreClient user = StoreClient.create("msg");
    user.append("INBOX", StoreClient.message("late in the evening", "x"));
    var ref = user.ref("INBOX");
    long seventh = java.time.LocalDate.of(1994, 2, 7).toEpochDay();
    assertThat(search(user, ref, sent(SearchKind.SEARCH_KIND_SENT_ON, seventh))).containsExactly(1);
    assertThat(search(user, ref, sent(SearchKind.SEARCH_KIND_SENT_ON, seventh + 1))).isEmpty();
    assertThat(search(user, ref, sent(SearchKind.SEARCH_KIND_SENT_BEFORE, seventh + 1)))
        .containsExactly(1);
    assertThat(search(user, ref, sent(SearchKind.SEARCH_KIND_SENT_SINCE, seventh + 1))).isEmpty();
  }

  private static SearchKey sent(SearchKind kind, long epochDay) {
    return SearchKey.newBuilder().setKind(kind).setDateEpochDay(epochDay).build();
  }

  private static SearchKey key(SearchKind kind, String header, String text) {
    return SearchKey.newBuilder().setKind(kind).setHeaderName(header).setText(text).build();
  }

  private static List<Integer> search(
      StoreClient user, io.mailroom.store.api.v1.MailboxRef ref, SearchKey key) {
    return user.messages()
        .search(SearchRequest.newBuilder().setMailbox(ref).setKey(key).build())
        .getUidsList();
  }

  @Test
  void unknownUidsGiveNothingAndOversizeIsRefusedBeforeAnyByte() {
    StoreClient user = StoreClient.create("msg");
    user.append("INBOX", StoreClient.message("only", "x"));
    var got =
        new Fetched(user.messages().fetch(fetch(user, "INBOX", 50, 60).setFlags(true).build()));
    assertThat(got.metas).isEmpty();

    CompletableFuture<AppendReply> result = new CompletableFuture<>();
    StreamObserver<AppendRequest> out = user.messagesAsync().append(StoreClient.observer(result));
    out.onNext(
        AppendRequest.newBuilder()
            .setHeader(AppendHeader.newBuilder().setMailbox("INBOX").setSize(50L * 1024 * 1024 + 1))
            .build());
    Throwable e = catchThrowable(() -> result.get(30, TimeUnit.SECONDS));
    assertThat(StoreClient.code(e)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(StoreClient.errorCode(e)).isEqualTo("TOOBIG");

    Throwable noMailbox = catchThrowable(() -> user.append("Nope", StoreClient.message("x", "y")));
    assertThat(StoreClient.errorCode(noMailbox)).isEqualTo("TRYCREATE");
  }

  @Test
  void aStreamThatBreaksMidAppendStoresNothing() throws Exception {
    StoreClient user = StoreClient.create("msg");
    CompletableFuture<AppendReply> result = new CompletableFuture<>();
    StreamObserver<AppendRequest> out = user.messagesAsync().append(StoreClient.observer(result));
    out.onNext(
        AppendRequest.newBuilder()
            .setHeader(AppendHeader.newBuilder().setMailbox("INBOX").setSize(1000))
            .build());
    out.onNext(
        AppendRequest.newBuilder()
            .setData(ByteString.copyFrom("Subject: half\r\n", StandardCharsets.UTF_8))
            .build());
    out.onError(new RuntimeException("client went away"));
    Throwable e = catchThrowable(() -> result.get(30, TimeUnit.SECONDS));
    assertThat(StoreClient.code(e)).isEqualTo(Status.Code.CANCELLED);

    CompletableFuture<AppendReply> shortOne = new CompletableFuture<>();
    StreamObserver<AppendRequest> out2 =
        user.messagesAsync().append(StoreClient.observer(shortOne));
    out2.onNext(
        AppendRequest.newBuilder()
            .setHeader(AppendHeader.newBuilder().setMailbox("INBOX").setSize(1000))
            .build());
    out2.onNext(
        AppendRequest.newBuilder()
            .setData(ByteString.copyFrom("Subject: short\r\n", StandardCharsets.UTF_8))
            .build());
    out2.onCompleted();
    Throwable e2 = catchThrowable(() -> shortOne.get(30, TimeUnit.SECONDS));
    assertThat(StoreClient.code(e2)).isEqualTo(Status.Code.INVALID_ARGUMENT);

    var info = user.select("INBOX").getMailbox();
    assertThat(info.getMessages()).isZero();
    assertThat(info.getUidNext()).isEqualTo(1);
  }
}
