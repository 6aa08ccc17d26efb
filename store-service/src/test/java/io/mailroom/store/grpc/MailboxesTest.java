package io.mailroom.store.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.CreateMailboxRequest;
import io.mailroom.store.api.v1.DeleteMailboxRequest;
import io.mailroom.store.api.v1.ListMailboxesRequest;
import io.mailroom.store.api.v1.MailboxEntry;
import io.mailroom.store.api.v1.RenameMailboxRequest;
import io.mailroom.store.api.v1.StatusRequest;
import io.mailroom.store.api.v1.SubscribeRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MailboxesTest {

  private static Map<String, List<String>> list(StoreClient user, String pattern) {
    return user
        .mailboxes()
        .list(ListMailboxesRequest.newBuilder().setPattern(pattern).build())
        .getMailboxesList()
        .stream()
        .collect(Collectors.toMap(MailboxEntry::getName, MailboxEntry::getAttributesList));
  }

  private static void create(StoreClient user, String name) {
    user.mailboxes().create(CreateMailboxRequest.newBuilder().setName(name).build());
  }

  @Test
  void aNewAccountHasTheSpecialUseMailboxes() {
    StoreClient user = StoreClient.create("mbx");
    var all = list(user, "*");
    assertThat(all).containsOnlyKeys("INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive");
    assertThat(all.get("Sent")).contains("\\Sent", "\\HasNoChildren");
    assertThat(all.get("Trash")).contains("\\Trash");
    assertThat(all.get("Junk")).contains("\\Junk");
    assertThat(all.get("Archive")).contains("\\Archive");
    assertThat(all.get("Drafts")).contains("\\Drafts");
    assertThat(all.get("INBOX")).doesNotContain("\\Noselect");
  }

  @Test
  void createMakesParentsAndListMatchesStarAndPercent() {
    StoreClient user = StoreClient.create("mbx");
    create(user, "Work/Projects/Mailroom");
    assertThat(list(user, "Work/*")).containsOnlyKeys("Work/Projects", "Work/Projects/Mailroom");
    assertThat(list(user, "Work/%")).containsOnlyKeys("Work/Projects");
    assertThat(list(user, "%")).containsKey("Work").doesNotContainKey("Work/Projects");
    assertThat(list(user, "%").get("Work")).contains("\\HasChildren");
    assertThat(list(user, "inbox")).containsOnlyKeys("INBOX");
    Throwable again = catchThrowable(() -> create(user, "Work/Projects"));
    assertThat(StoreClient.code(again)).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(StoreClient.errorCode(again)).isEqualTo("ALREADYEXISTS");
  }

  @Test
  void badNamesAreInvalidArguments() {
    StoreClient user = StoreClient.create("mbx");
    for (String bad : new String[] {"", "a//b", "/a", "tab\there", "nul\0x", "x".repeat(256)}) {
      Throwable e = catchThrowable(() -> create(user, bad));
      assertThat(StoreClient.code(e)).as(bad).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(StoreClient.errorCode(e)).as(bad).isEqualTo("INVALID_NAME");
    }
    assertThat(list(user, "*")).hasSize(6);
  }

  @Test
  void deletingAParentLeavesItNoselectAndInboxCannotGo() {
    StoreClient user = StoreClient.create("mbx");
    create(user, "Parent/Child");
    user.mailboxes().delete(DeleteMailboxRequest.newBuilder().setName("Parent").build());
    assertThat(list(user, "Parent"))
        .containsEntry("Parent", List.of("\\HasChildren", "\\Noselect"));
    user.mailboxes().delete(DeleteMailboxRequest.newBuilder().setName("Parent/Child").build());
    assertThat(list(user, "Parent/*")).isEmpty();

    Throwable inbox =
        catchThrowable(
            () ->
                user.mailboxes()
                    .delete(DeleteMailboxRequest.newBuilder().setName("INBOX").build()));
    assertThat(StoreClient.errorCode(inbox)).isEqualTo("CANNOT");
    Throwable missing =
        catchThrowable(
            () ->
                user.mailboxes().delete(DeleteMailboxRequest.newBuilder().setName("Nope").build()));
    assertThat(StoreClient.code(missing)).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(StoreClient.errorCode(missing)).isEqualTo("NONEXISTENT");
  }

  @Test
  void renameMovesChildrenAndRenamingInboxMovesItsMessages() {
    StoreClient user = StoreClient.create("mbx");
    create(user, "Old/Sub");
    user.mailboxes()
        .rename(RenameMailboxRequest.newBuilder().setFrom("Old").setTo("New/Place").build());
    assertThat(list(user, "*"))
        .containsKeys("New", "New/Place", "New/Place/Sub")
        .doesNotContainKeys("Old", "Old/Sub");

    user.append("INBOX", StoreClient.message("one", "1"));
    user.append("INBOX", StoreClient.message("two", "2"));
    user.mailboxes()
        .rename(RenameMailboxRequest.newBuilder().setFrom("INBOX").setTo("Saved").build());
    var status =
        user.mailboxes()
            .status(StatusRequest.newBuilder().addNames("INBOX").addNames("Saved").build())
            .getStatusesList();
    assertThat(status.get(0).getMessages()).isZero();
    assertThat(status.get(1).getMessages()).isEqualTo(2);
    assertThat(status.get(1).getUidNext()).isEqualTo(3);
  }

  @Test
  void statusCountsMessagesUnseenAndSize() {
    StoreClient user = StoreClient.create("mbx");
    String a = StoreClient.message("a", "aaa");
    String b = StoreClient.message("b", "bbbb");
    user.append("Archive", a, "\\Seen");
    user.append("Archive", b);
    var s =
        user.mailboxes()
            .status(StatusRequest.newBuilder().addNames("Archive").build())
            .getStatuses(0);
    assertThat(s.getMessages()).isEqualTo(2);
    assertThat(s.getUnseen()).isEqualTo(1);
    assertThat(s.getUidNext()).isEqualTo(3);
    assertThat(s.getSize()).isEqualTo(a.length() + b.length());
    assertThat(s.getHighestModseq()).isGreaterThan(1);
  }

  @Test
  void subscriptionsShowInSubscribedListing() {
    StoreClient user = StoreClient.create("mbx");
    create(user, "Lists");
    user.mailboxes()
        .subscribe(SubscribeRequest.newBuilder().setName("Lists").setSubscribe(true).build());
    var subscribed =
        user.mailboxes()
            .list(ListMailboxesRequest.newBuilder().setPattern("*").setSubscribedOnly(true).build())
            .getMailboxesList();
    assertThat(subscribed).extracting(MailboxEntry::getName).contains("Lists", "INBOX");
    user.mailboxes()
        .subscribe(SubscribeRequest.newBuilder().setName("Lists").setSubscribe(false).build());
    assertThat(
            user.mailboxes()
                .list(
                    ListMailboxesRequest.newBuilder()
                        .setPattern("*")
                        .setSubscribedOnly(true)
                        .build())
                .getMailboxesList())
        .extracting(MailboxEntry::getName)
        .doesNotContain("Lists");
  }
}
