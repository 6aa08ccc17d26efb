package io.mailroom.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.mailroom.store.client.message.FlagUpdate;
import io.mailroom.store.client.message.Found;
import io.mailroom.store.client.message.Query;
import io.mailroom.store.client.message.Query.DateKind;
import io.mailroom.store.client.message.UidSet;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SEARCH: flags, headers (decoded), body text, sizes, UIDs, dates, MODSEQ, and their logic. */
public interface SearchContract extends ContractFixtures {

  @Test
  default void searchFindsByFlagsHeadersAndText() {
    var alice = accountWith(ContractMail.PLAIN, ContractMail.MULTIPART, ContractMail.MEETING);
    long plain = alice.uid(0);
    long multipart = alice.uid(1);
    long meeting = alice.uid(2);
    Login login = alice.login();
    MailboxRef inbox = alice.inbox();
    await(
        clients()
            .updates()
            .storeFlags(login, inbox, UidSet.one(plain), FlagUpdate.add(List.of("\\Seen"))));

    assertThat(uids(alice, new Query.All())).containsExactly(plain, multipart, meeting);
    assertThat(uids(alice, new Query.Flag("\\seen", true))).containsExactly(plain);
    assertThat(uids(alice, new Query.Flag("\\Seen", false))).containsExactly(multipart, meeting);
    assertThat(uids(alice, new Query.Header("Subject", "MEETING"))).containsExactly(meeting);
    assertThat(uids(alice, new Query.Header("From", "Bob Example"))).containsExactly(plain);
    assertThat(uids(alice, new Query.Header("Message-ID", ""))).containsExactly(plain);
    assertThat(uids(alice, new Query.Header("MIME-Version", "1.0"))).containsExactly(multipart);
    assertThat(uids(alice, new Query.Header("X-Nothing", ""))).isEmpty();
    assertThat(uids(alice, new Query.Body("how are"))).containsExactly(plain);
    assertThat(uids(alice, new Query.Body("attached"))).containsExactly(multipart);
    assertThat(uids(alice, new Query.Body("dave"))).isEmpty();
    assertThat(uids(alice, new Query.Text("dave@example"))).containsExactly(meeting);
  }

  @Test
  default void searchFindsBySizeUidDateModseqAndLogic() {
    var alice = accountWith(ContractMail.PLAIN, ContractMail.MULTIPART, ContractMail.MEETING);
    long plain = alice.uid(0);
    long multipart = alice.uid(1);
    long meeting = alice.uid(2);
    assertThat(uids(alice, new Query.Size(true, ContractMail.MEETING.length())))
        .containsExactly(plain, multipart);
    assertThat(uids(alice, new Query.Size(false, ContractMail.PLAIN.length())))
        .containsExactly(meeting);
    var fromSecond = new UidSet(List.of(new UidSet.Range(multipart, UidSet.MAX)));
    assertThat(uids(alice, new Query.Uids(fromSecond))).containsExactly(multipart, meeting);
    long second = LocalDate.of(2024, 1, 2).toEpochDay();
    assertThat(uids(alice, new Query.Date(DateKind.SENT_SINCE, second)))
        .containsExactly(multipart, meeting);
    assertThat(uids(alice, new Query.Date(DateKind.SENT_BEFORE, second))).containsExactly(plain);
    assertThat(uids(alice, new Query.Date(DateKind.SENT_ON, second))).containsExactly(multipart);
    long today = LocalDate.now(java.time.ZoneOffset.UTC).toEpochDay();
    assertThat(uids(alice, new Query.Date(DateKind.SINCE, today - 1))).hasSize(3);
    assertThat(uids(alice, new Query.Date(DateKind.BEFORE, today - 1))).isEmpty();
    var hello = new Query.Header("Subject", "hello");
    var report = new Query.Header("Subject", "report");
    assertThat(uids(alice, new Query.Or(hello, report))).containsExactly(plain, multipart);
    assertThat(uids(alice, new Query.Not(hello))).containsExactly(multipart, meeting);
    assertThat(uids(alice, new Query.And(List.of(new Query.Not(hello), new Query.Not(report)))))
        .containsExactly(meeting);
    assertThat(uids(alice, new Query.None())).isEmpty();

    Login login = alice.login();
    var updates = clients().updates();
    var flagged =
        await(
            updates.storeFlags(
                login, alice.inbox(), UidSet.one(meeting), FlagUpdate.add(List.of("$Later"))));
    long modseq = flagged.highestModseq();
    Found found = await(clients().search().search(login, alice.inbox(), new Query.ModSeq(modseq)));
    assertThat(found.uids()).containsExactly(meeting);
    assertThat(found.highestModseq()).isEqualTo(modseq);
  }

  private List<Long> uids(Filled account, Query query) {
    return await(clients().search().search(account.login(), account.inbox(), query)).uids();
  }
}
