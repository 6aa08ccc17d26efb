package io.mailroom.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.client.StoreFailure.Reason;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.mailbox.MailboxList;
import io.mailroom.store.client.mailbox.MailboxStatus;
import io.mailroom.store.client.message.FlagUpdate;
import io.mailroom.store.client.message.UidSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mailbox hierarchy: LIST, CREATE, DELETE, RENAME, SUBSCRIBE and STATUS. */
public interface MailboxContract extends ContractFixtures {

  @Test
  default void aNewAccountHasTheDefaultMailboxesWithTheirSpecialUse() {
    Login login = login(newAccount("pw"), "pw");
    MailboxList all = list(login, "*", false);
    assertThat(all.delimiter()).isEqualTo("/");
    assertThat(all.entries())
        .extracting(MailboxList.Entry::name)
        .containsExactlyInAnyOrder("INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive");
    assertThat(attributes(all, "INBOX")).containsExactly("\\HasNoChildren");
    assertThat(attributes(all, "Sent")).containsExactly("\\HasNoChildren", "\\Sent");
    assertThat(attributes(all, "Archive")).containsExactly("\\HasNoChildren", "\\Archive");
    assertThat(list(login, "%", false).entries()).hasSize(6);
    assertThat(list(login, "inbox", false).entries())
        .extracting(MailboxList.Entry::name)
        .containsExactly("INBOX");
  }

  @Test
  default void createMakesTheParentsAndRefusesANameThatExists() {
    Login login = login(newAccount("pw"), "pw");
    var mailboxes = clients().mailboxes();
    await(mailboxes.create(login, "a/b/c", Optional.empty()));
    MailboxList tree = list(login, "a*", false);
    assertThat(tree.entries())
        .extracting(MailboxList.Entry::name)
        .containsExactlyInAnyOrder("a", "a/b", "a/b/c");
    assertThat(attributes(tree, "a")).containsExactly("\\HasChildren");
    assertThat(attributes(tree, "a/b/c")).containsExactly("\\HasNoChildren");
    assertThat(list(login, "a/%", false).entries())
        .extracting(MailboxList.Entry::name)
        .containsExactly("a/b");
    assertThat(failure(() -> mailboxes.create(login, "a", Optional.empty())))
        .isEqualTo(Reason.ALREADYEXISTS);
    assertThat(failure(() -> mailboxes.create(login, "a/b/", Optional.empty())))
        .isEqualTo(Reason.ALREADYEXISTS);
    assertThat(failure(() -> mailboxes.create(login, "x//y", Optional.empty())))
        .isEqualTo(Reason.INVALID_NAME);
    assertThat(failure(() -> mailboxes.create(login, "odd", Optional.of("\\Bogus"))))
        .isEqualTo(Reason.CANNOT);
    await(mailboxes.create(login, "Old mail", Optional.of("\\Archive")));
    assertThat(attributes(list(login, "Old*", false), "Old mail"))
        .containsExactly("\\HasNoChildren", "\\Archive");
  }

  @Test
  default void aDeletedMailboxWithChildrenStaysAsNoselect() {
    Login login = login(newAccount("pw"), "pw");
    var mailboxes = clients().mailboxes();
    await(mailboxes.create(login, "a/b", Optional.empty()));
    await(mailboxes.delete(login, "a"));
    assertThat(attributes(list(login, "a*", false), "a"))
        .containsExactly("\\HasChildren", "\\Noselect");
    assertThat(failure(() -> mailboxes.status(login, List.of("a")))).isEqualTo(Reason.NOSELECT);
    assertThat(failure(() -> clients().select().select(login, "a", false)))
        .isEqualTo(Reason.NOSELECT);
    assertThat(failure(() -> mailboxes.delete(login, "a"))).isEqualTo(Reason.CANNOT);
    await(mailboxes.delete(login, "a/b"));
    await(mailboxes.create(login, "a", Optional.empty()));
    assertThat(attributes(list(login, "a*", false), "a")).containsExactly("\\HasNoChildren");
    assertThat(failure(() -> mailboxes.delete(login, "inbox"))).isEqualTo(Reason.CANNOT);
    assertThat(failure(() -> mailboxes.delete(login, "Nowhere"))).isEqualTo(Reason.NONEXISTENT);
  }

  @Test
  default void renameMovesTheChildrenAndRenamingInboxMovesItsMessages() {
    String user = newAccount("pw");
    deliver(user, bytes(ContractMail.PLAIN));
    deliver(user, bytes(ContractMail.MEETING));
    Login login = login(user, "pw");
    var mailboxes = clients().mailboxes();
    await(mailboxes.create(login, "p/q", Optional.empty()));
    await(mailboxes.rename(login, "p", "r"));
    assertThat(list(login, "p*", false).entries()).isEmpty();
    assertThat(list(login, "r*", false).entries())
        .extracting(MailboxList.Entry::name)
        .containsExactlyInAnyOrder("r", "r/q");
    assertThat(failure(() -> mailboxes.rename(login, "r", "Sent"))).isEqualTo(Reason.ALREADYEXISTS);
    assertThat(failure(() -> mailboxes.rename(login, "Nowhere", "x")))
        .isEqualTo(Reason.NONEXISTENT);

    await(mailboxes.rename(login, "INBOX", "Old"));
    List<MailboxStatus> statuses = await(mailboxes.status(login, List.of("Old", "INBOX")));
    assertThat(statuses.get(0).messages()).isEqualTo(2);
    assertThat(statuses.get(0).uidNext()).isEqualTo(3);
    assertThat(statuses.get(1).messages()).isZero();
    assertThat(statuses.get(1).uidNext()).isEqualTo(3);
  }

  @Test
  default void theDefaultMailboxesAreSubscribedAndNewOnesAreNot() {
    Login login = login(newAccount("pw"), "pw");
    var mailboxes = clients().mailboxes();
    MailboxList subscribed = list(login, "*", true);
    assertThat(subscribed.entries()).hasSize(6);
    assertThat(attributes(subscribed, "INBOX")).containsExactly("\\HasNoChildren", "\\Subscribed");
    assertThat(attributes(subscribed, "Sent"))
        .containsExactly("\\HasNoChildren", "\\Subscribed", "\\Sent");
    await(mailboxes.create(login, "news", Optional.empty()));
    assertThat(list(login, "news", true).entries()).isEmpty();
    await(mailboxes.subscribe(login, "news", true));
    await(mailboxes.subscribe(login, "INBOX", false));
    assertThat(list(login, "*", true).entries())
        .extracting(MailboxList.Entry::name)
        .contains("news")
        .doesNotContain("INBOX");
    assertThat(failure(() -> mailboxes.subscribe(login, "Nowhere", true)))
        .isEqualTo(Reason.NONEXISTENT);
  }

  @Test
  default void statusCountsTheMessagesAndWhatIsRecentUntilASelectClaimsIt() {
    var alice = accountWith(ContractMail.PLAIN, ContractMail.MEETING);
    Login login = alice.login();
    await(clients().updates().storeFlags(login, alice.inbox(), UidSet.one(alice.uid(0)), seen()));
    var mailboxes = clients().mailboxes();
    MailboxStatus inbox = await(mailboxes.status(login, List.of("inbox"))).get(0);
    assertThat(inbox.name()).isEqualTo("INBOX");
    assertThat(inbox.messages()).isEqualTo(2);
    assertThat(inbox.unseen()).isEqualTo(1);
    assertThat(inbox.recent()).isEqualTo(2);
    assertThat(inbox.uidNext()).isEqualTo(alice.uid(1) + 1);
    assertThat(inbox.uidValidity()).isEqualTo(alice.inbox().uidValidity());
    assertThat(inbox.size()).isEqualTo(ContractMail.PLAIN.length() + ContractMail.MEETING.length());
    assertThat(inbox.highestModseq()).isGreaterThan(1);
    select(login, "INBOX", false);
    assertThat(await(mailboxes.status(login, List.of("INBOX"))).get(0).recent()).isZero();
    assertThat(failure(() -> mailboxes.status(login, List.of("Nowhere"))))
        .isEqualTo(Reason.NONEXISTENT);
  }

  private MailboxList list(Login login, String pattern, boolean subscribedOnly) {
    return await(clients().mailboxes().list(login, "", pattern, subscribedOnly));
  }

  private static List<String> attributes(MailboxList list, String name) {
    return list.entries().stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not listed"))
        .attributes();
  }

  private static FlagUpdate seen() {
    return FlagUpdate.add(List.of("\\Seen"));
  }
}
