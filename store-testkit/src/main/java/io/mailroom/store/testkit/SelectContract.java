package io.mailroom.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.client.StoreFailure.Reason;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.mailbox.Changes;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.mailroom.store.client.mailbox.MessageState;
import io.mailroom.store.client.mailbox.OpenedMailbox;
import io.mailroom.store.client.message.FetchPart;
import io.mailroom.store.client.message.FetchSpec;
import io.mailroom.store.client.message.FlagUpdate;
import io.mailroom.store.client.message.FlagsStored;
import io.mailroom.store.client.message.UidSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SELECT and EXAMINE, Changes, and CONDSTORE: every change takes the mailbox's next MODSEQ. */
public interface SelectContract extends ContractFixtures {

  @Test
  default void selectReportsTheCountersTheFlagsInUseAndEveryMessagesState() {
    var alice = accountWith(ContractMail.PLAIN, ContractMail.MULTIPART, ContractMail.MEETING);
    Login login = alice.login();
    var updates = clients().updates();
    await(updates.storeFlags(login, alice.inbox(), UidSet.one(alice.uid(0)), add("\\Seen")));
    await(updates.storeFlags(login, alice.inbox(), UidSet.one(alice.uid(2)), add("$Label")));

    OpenedMailbox opened = select(login, "inbox", false);
    assertThat(opened.name()).isEqualTo("INBOX");
    assertThat(opened.ref()).isEqualTo(alice.inbox());
    assertThat(opened.messages())
        .extracting(MessageState::uid)
        .containsExactly(alice.uid(0), alice.uid(1), alice.uid(2));
    assertThat(opened.messages().get(0).flags()).containsExactly("\\Seen");
    assertThat(opened.unseen()).isEqualTo(2);
    assertThat(opened.firstUnseenUid()).isEqualTo(alice.uid(1));
    assertThat(opened.uidNext()).isEqualTo(alice.uid(2) + 1);
    assertThat(opened.flags())
        .containsExactly("\\Answered", "\\Deleted", "\\Draft", "\\Flagged", "\\Seen", "$Label");
    assertThat(opened.permanentFlags())
        .containsExactly("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "\\*");
    assertThat(opened.highestModseq())
        .isEqualTo(opened.messages().stream().mapToLong(MessageState::modseq).max().orElseThrow());
    assertThat(opened.readOnly()).isFalse();
    assertThat(failure(() -> clients().select().select(login, "Nowhere", true)))
        .isEqualTo(Reason.NONEXISTENT);
  }

  @Test
  default void aReadWriteSelectClaimsRecentAndExamineDoesNot() {
    var alice = accountWith(ContractMail.PLAIN, ContractMail.MEETING);
    Login login = alice.login();
    OpenedMailbox examined = select(login, "INBOX", true);
    assertThat(examined.readOnly()).isTrue();
    assertThat(examined.firstRecentUid()).isLessThanOrEqualTo(alice.uid(0));
    OpenedMailbox first = select(login, "INBOX", false);
    assertThat(first.firstRecentUid()).isEqualTo(examined.firstRecentUid());
    OpenedMailbox second = select(login, "INBOX", false);
    assertThat(second.firstRecentUid()).isEqualTo(second.uidNext());
  }

  @Test
  default void everyFlagChangeTakesTheNextModseqAndUnchangedSinceRefusesNewerOnes() {
    var alice = accountWith(ContractMail.PLAIN, ContractMail.MEETING);
    Login login = alice.login();
    MailboxRef inbox = alice.inbox();
    long before = select(login, "INBOX", true).highestModseq();
    var updates = clients().updates();

    FlagsStored flagged =
        await(updates.storeFlags(login, inbox, UidSet.one(alice.uid(0)), add("\\Flagged")));
    assertThat(flagged.highestModseq()).isEqualTo(before + 1);
    assertThat(flagged.updated()).extracting(MessageState::modseq).containsExactly(before + 1);
    FlagsStored again =
        await(updates.storeFlags(login, inbox, UidSet.one(alice.uid(0)), add("\\Flagged")));
    assertThat(again.updated()).isEmpty();
    assertThat(again.highestModseq()).isEqualTo(before + 1);

    var both = UidSet.of(List.of(alice.uid(0), alice.uid(1)));
    FlagsStored conditional =
        await(updates.storeFlags(login, inbox, both, add("\\Answered").unchangedSince(before)));
    assertThat(conditional.modified()).containsExactly(alice.uid(0));
    assertThat(conditional.updated()).extracting(MessageState::uid).containsExactly(alice.uid(1));
    assertThat(conditional.updated().get(0).modseq()).isEqualTo(before + 2);
    assertThat(conditional.highestModseq()).isEqualTo(before + 2);
    assertThat(flags(login, inbox, alice.uid(0))).containsExactly("\\Flagged");
    assertThat(flags(login, inbox, alice.uid(1))).containsExactly("\\Answered");
  }

  @Test
  default void changesSinceAModseqAreTheChangedAndTheExpunged() {
    String user = newAccount("pw");
    deliver(user, bytes(ContractMail.PLAIN));
    deliver(user, bytes(ContractMail.MEETING));
    Login login = login(user, "pw");
    OpenedMailbox opened = select(login, "INBOX", false);
    MailboxRef inbox = opened.ref();
    long first = opened.messages().get(0).uid();
    long second = opened.messages().get(1).uid();
    long since = opened.highestModseq();
    var updates = clients().updates();
    await(updates.storeFlags(login, inbox, UidSet.one(second), add("\\Flagged")));
    await(updates.remove(login, inbox, UidSet.one(first), "contract-changes"));
    deliver(user, bytes(ContractMail.MULTIPART));

    Changes changes = await(clients().select().changes(login, inbox, since));
    assertThat(changes.uidValidityChanged()).isFalse();
    assertThat(changes.expunged()).containsExactly(first);
    assertThat(changes.changed()).extracting(MessageState::uid).containsExactly(second, second + 1);
    assertThat(changes.changed().get(0).flags()).containsExactly("\\Flagged");
    assertThat(changes.messages()).isEqualTo(2);
    assertThat(changes.uidNext()).isEqualTo(second + 2);
    assertThat(changes.highestModseq()).isGreaterThanOrEqualTo(since + 3);
    var nothing = await(clients().select().changes(login, inbox, changes.highestModseq()));
    assertThat(nothing.changed()).isEmpty();
    assertThat(nothing.expunged()).isEmpty();

    var recreated = new MailboxRef(inbox.mailboxId(), inbox.uidValidity() + 1);
    assertThat(await(clients().select().changes(login, recreated, since)).uidValidityChanged())
        .isTrue();
  }

  @Test
  default void fetchSetsSeenAsAChangeAndChangedSinceLeavesOutTheOlder() {
    var alice = accountWith(ContractMail.PLAIN, ContractMail.MEETING);
    Login login = alice.login();
    MailboxRef inbox = alice.inbox();
    long since = select(login, "INBOX", true).highestModseq();
    var reading = new FetchSpec(true, false, false, false, false, true, List.of(), true, 0);
    List<FetchPart> read =
        await(
            clients()
                .fetch()
                .fetch(login, inbox, UidSet.one(alice.uid(0)), reading)
                .collect()
                .asList());
    var meta = (FetchPart.Meta) read.get(0);
    assertThat(meta.flags()).containsExactly("\\Seen");
    assertThat(meta.modseq()).isEqualTo(since + 1);

    var changed = new FetchSpec(true, false, false, false, false, true, List.of(), false, since);
    var all = new UidSet(List.of(new UidSet.Range(1, UidSet.MAX)));
    List<FetchPart> newer =
        await(clients().fetch().fetch(login, inbox, all, changed).collect().asList());
    assertThat(newer).extracting(FetchPart::uid).containsExactly(alice.uid(0));
  }

  private static FlagUpdate add(String flag) {
    return FlagUpdate.add(List.of(flag));
  }
}
