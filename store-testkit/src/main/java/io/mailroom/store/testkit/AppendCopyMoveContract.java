package io.mailroom.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.client.StoreFailure.Reason;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.mailbox.MailboxList;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.mailroom.store.client.mailbox.MessageState;
import io.mailroom.store.client.mailbox.OpenedMailbox;
import io.mailroom.store.client.message.AppendSpec;
import io.mailroom.store.client.message.Appended;
import io.mailroom.store.client.message.Copied;
import io.mailroom.store.client.message.CopySpec;
import io.mailroom.store.client.message.FetchPart;
import io.mailroom.store.client.message.FetchSpec;
import io.mailroom.store.client.message.FetchSpec.Section;
import io.mailroom.store.client.message.FlagUpdate;
import io.mailroom.store.client.message.UidSet;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** APPEND, COPY and MOVE: new UIDs in the target, flags and dates kept, COPYUID answered. */
public interface AppendCopyMoveContract extends ContractFixtures {
  /** 2024-01-02T03:04:05Z. */
  long DATE_MS = 1_704_164_645_000L;

  @Test
  default void appendStoresTheMessageWithItsFlagsAndDate() {
    Login login = login(newAccount("pw"), "pw");
    String message = "Subject: draft\n\nbare line ends\n";
    Appended appended =
        await(append(login, "Drafts", List.of("\\draft", "\\Recent", "$Todo"), message));
    assertThat(appended.uid()).isEqualTo(1);
    OpenedMailbox drafts = select(login, "Drafts", false);
    assertThat(drafts.ref().mailboxId()).isEqualTo(appended.mailboxId());
    assertThat(drafts.ref().uidValidity()).isEqualTo(appended.uidValidity());
    MailboxRef ref = drafts.ref();
    var spec = new FetchSpec(true, true, true, false, false, false, List.of(), false, 0);
    FetchPart.Meta meta = meta(login, ref, 1, spec);
    assertThat(meta.flags()).containsExactly("$Todo", "\\Draft");
    assertThat(meta.internalDateMs()).isEqualTo(DATE_MS);
    assertThat(meta.internalDateOffsetMinutes()).isEqualTo(120);
    String kept = "Subject: draft\r\n\r\nbare line ends\r\n";
    assertThat(meta.size()).isEqualTo(kept.length());
    assertThat(section(login, ref, 1, Section.whole())).isEqualTo(kept);
  }

  @Test
  default void appendToAMailboxThatIsNotThereIsTryCreate() {
    Login login = login(newAccount("pw"), "pw");
    assertThat(failure(() -> append(login, "Nowhere", List.of(), ContractMail.PLAIN)))
        .isEqualTo(Reason.TRYCREATE);
    await(clients().mailboxes().create(login, "a/b", Optional.empty()));
    await(clients().mailboxes().delete(login, "a"));
    assertThat(failure(() -> append(login, "a", List.of(), ContractMail.PLAIN)))
        .isEqualTo(Reason.NOSELECT);
  }

  @Test
  default void copyKeepsTheFlagsAndAnswersTheUidsOnBothSides() {
    var alice = accountWith(ContractMail.PLAIN, ContractMail.MEETING);
    Login login = alice.login();
    MailboxRef inbox = alice.inbox();
    var updates = clients().updates();
    await(
        updates.storeFlags(
            login, inbox, UidSet.one(alice.uid(0)), FlagUpdate.add(List.of("\\Flagged"))));
    var all = new UidSet(List.of(new UidSet.Range(1, UidSet.MAX)));
    Copied copied = await(updates.copy(login, inbox, all, CopySpec.copyTo("Archive")));
    assertThat(copied.sourceUids()).containsExactly(alice.uid(0), alice.uid(1));
    assertThat(copied.targetUids()).containsExactly(1L, 2L);
    assertThat(copied.expunged()).isEmpty();
    OpenedMailbox archive = select(login, "Archive", false);
    assertThat(archive.ref().mailboxId()).isEqualTo(copied.targetMailboxId());
    assertThat(archive.ref().uidValidity()).isEqualTo(copied.targetUidValidity());
    assertThat(archive.messages())
        .extracting(MessageState::flags)
        .containsExactly(List.of("\\Flagged"), List.of());
    assertThat(section(login, archive.ref(), 2, Section.whole())).isEqualTo(ContractMail.MEETING);
    assertThat(select(login, "INBOX", true).messages()).hasSize(2);

    Copied flagged =
        await(
            updates.copy(
                login,
                inbox,
                UidSet.one(alice.uid(1)),
                CopySpec.copyTo("Archive").addingFlags(List.of("\\Seen"))));
    assertThat(flagged.targetUids()).containsExactly(3L);
    assertThat(flags(login, archive.ref(), 3)).containsExactly("\\Seen");
    Copied none = await(updates.copy(login, inbox, UidSet.one(999), CopySpec.copyTo("Archive")));
    assertThat(none.sourceUids()).isEmpty();
    assertThat(none.targetUids()).isEmpty();
  }

  @Test
  default void aCopyToAMissingMailboxIsTryCreateUnlessItMayCreateIt() {
    var alice = accountWith(ContractMail.PLAIN);
    Login login = alice.login();
    var updates = clients().updates();
    var one = UidSet.one(alice.uid(0));
    assertThat(failure(() -> updates.copy(login, alice.inbox(), one, CopySpec.copyTo("Filed"))))
        .isEqualTo(Reason.TRYCREATE);
    Copied created =
        await(
            updates.copy(
                login, alice.inbox(), one, CopySpec.copyTo("Filed/2024").creatingTarget()));
    assertThat(created.targetUids()).containsExactly(1L);
    MailboxList filed = await(clients().mailboxes().list(login, "", "Filed*", false));
    assertThat(filed.entries())
        .extracting(MailboxList.Entry::name)
        .containsExactlyInAnyOrder("Filed", "Filed/2024");
  }

  @Test
  default void moveExpungesTheSourceMessages() {
    var alice = accountWith(ContractMail.PLAIN, ContractMail.MEETING);
    Login login = alice.login();
    long before = select(login, "INBOX", true).highestModseq();
    Copied moved =
        await(
            clients()
                .updates()
                .copy(login, alice.inbox(), UidSet.one(alice.uid(0)), CopySpec.moveTo("Trash")));
    assertThat(moved.sourceUids()).containsExactly(alice.uid(0));
    assertThat(moved.expunged()).containsExactly(alice.uid(0));
    OpenedMailbox inbox = select(login, "INBOX", true);
    assertThat(inbox.messages()).extracting(MessageState::uid).containsExactly(alice.uid(1));
    assertThat(inbox.highestModseq()).isEqualTo(before + 1);
    assertThat(await(clients().select().changes(login, alice.inbox(), before)).expunged())
        .containsExactly(alice.uid(0));
    assertThat(select(login, "Trash", true).messages()).hasSize(1);
  }

  private Uni<Appended> append(Login login, String mailbox, List<String> flags, String message) {
    byte[] data = bytes(message);
    var spec = new AppendSpec(mailbox, flags, DATE_MS, 120, data.length);
    return clients().append().append(login, spec, Multi.createFrom().item(data));
  }
}
