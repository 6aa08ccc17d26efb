package io.mailroom.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.mime.MessageParser;
import io.mailroom.mime.ParsedMessage;
import io.mailroom.store.client.StoreFailure.Reason;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.mailroom.store.client.maildrop.MaildropEntry;
import io.mailroom.store.client.message.FetchPart;
import io.mailroom.store.client.message.FetchSpec;
import io.mailroom.store.client.message.FetchSpec.Section;
import io.mailroom.store.client.message.FetchSpec.Text;
import io.mailroom.store.client.message.FlagUpdate;
import io.mailroom.store.client.message.UidSet;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Fetch of sections and metadata, flags, and removal, as POP3 and IMAP read a mailbox. */
public interface FetchContract extends ContractFixtures {
  @Test
  default void sectionsAreTheStoredBytesExactly() {
    var alice = accountWith(WITH_CRLF, WITHOUT_CRLF);
    Login login = alice.login();
    MailboxRef inbox = alice.inbox();
    for (int i = 0; i < 2; i++) {
      String message = i == 0 ? WITH_CRLF : WITHOUT_CRLF;
      long uid = alice.uid(i);
      int split = message.indexOf("\r\n\r\n") + 4;
      assertThat(section(login, inbox, uid, Section.whole())).isEqualTo(message);
      assertThat(section(login, inbox, uid, Section.header()))
          .isEqualTo(message.substring(0, split));
      assertThat(section(login, inbox, uid, Section.bodyText()))
          .isEqualTo(message.substring(split));
    }
  }

  @Test
  default void bareLineEndsAreKeptAsCrlf() {
    var alice = accountWith("Subject: bare\n\nline 1\nline 2\n");
    String kept = "Subject: bare\r\n\r\nline 1\r\nline 2\r\n";
    assertThat(alice.listing().get(0).size()).isEqualTo(kept.length());
    assertThat(section(alice.login(), alice.inbox(), alice.uid(0), Section.whole()))
        .isEqualTo(kept);
  }

  @Test
  default void aMessageRemovedSinceTheListingIsNonexistent() {
    var alice = accountWith(WITH_CRLF);
    var gone = UidSet.one(alice.uid(0));
    await(clients().updates().remove(alice.login(), alice.inbox(), gone, "contract-gone"));
    assertThat(
            failure(() -> sectionUni(alice.login(), alice.inbox(), alice.uid(0), Section.whole())))
        .isEqualTo(Reason.NONEXISTENT);
  }

  @Test
  default void anotherAccountsInboxDoesNotExist() {
    var alice = accountWith(WITH_CRLF);
    MailboxRef alicesInbox = alice.inbox();
    long uid = alice.uid(0);
    Login bobLogin = accountWith().login();
    assertThat(failure(() -> sectionUni(bobLogin, alicesInbox, uid, Section.whole())))
        .isEqualTo(Reason.NONEXISTENT);
    assertThat(
            failure(() -> clients().updates().remove(bobLogin, alicesInbox, UidSet.one(uid), "k")))
        .isEqualTo(Reason.NONEXISTENT);
    assertThat(listing(alice.login())).hasSize(1);
  }

  @Test
  default void anInboxOfAnotherUidValidityWasRecreated() {
    var alice = accountWith(WITH_CRLF);
    long uidValidity = alice.inbox().uidValidity();
    var recreated = new MailboxRef(alice.inbox().mailboxId(), uidValidity == 1 ? 2 : 1);
    assertThat(failure(() -> sectionUni(alice.login(), recreated, alice.uid(0), Section.whole())))
        .isEqualTo(Reason.UIDVALIDITY_CHANGED);
  }

  @Test
  default void seenIsSetByStoreFlagsAndNotByReadingASection() {
    var alice = accountWith(WITH_CRLF);
    Login login = alice.login();
    MailboxRef inbox = alice.inbox();
    long uid = alice.uid(0);
    section(login, inbox, uid, Section.whole());
    assertThat(flags(login, inbox, uid)).doesNotContain("\\Seen");

    var updates = clients().updates();
    var seen = FlagUpdate.add(List.of("\\Seen"));
    var stored = await(updates.storeFlags(login, inbox, UidSet.one(uid), seen));
    assertThat(stored.updated()).hasSize(1);
    assertThat(stored.updated().get(0).uid()).isEqualTo(uid);
    assertThat(stored.updated().get(0).flags()).contains("\\Seen");
    assertThat(flags(login, inbox, uid)).contains("\\Seen");
    // nothing changes the second time, and only changes are answered
    assertThat(await(updates.storeFlags(login, inbox, UidSet.one(uid), seen)).updated()).isEmpty();
  }

  @Test
  default void aRemovalRepeatedWithItsKeyRemovesNothingMore() {
    var alice = accountWith(WITH_CRLF, WITHOUT_CRLF);
    Login login = alice.login();
    MailboxRef inbox = alice.inbox();
    List<MaildropEntry> before = alice.listing();
    long first = alice.uid(0);
    var updates = clients().updates();
    assertThat(await(updates.remove(login, inbox, UidSet.one(first), "contract-quit-1")))
        .containsExactly(first);
    assertThat(await(updates.remove(login, inbox, UidSet.one(first), "contract-quit-1"))).isEmpty();
    assertThat(listing(login)).containsExactly(before.get(1));
  }

  @Test
  default void envelopeAndBodyStructureAreTheMimeParsersOutput() throws Exception {
    var alice = accountWith(ContractMail.MULTIPART);
    var spec = new FetchSpec(false, false, true, true, true, false, List.of(), false, 0);
    FetchPart.Meta meta = meta(alice.login(), alice.inbox(), alice.uid(0), spec);
    ParsedMessage parsed =
        new MessageParser().parse(new ByteArrayInputStream(bytes(ContractMail.MULTIPART)));
    assertThat(meta.size()).isEqualTo(ContractMail.MULTIPART.length());
    assertThat(meta.envelope()).isEqualTo(parsed.envelope());
    assertThat(meta.bodyStructure()).isEqualTo(parsed.bodyStructure());
    assertThat(meta.body()).isEqualTo(parsed.body());
    assertThat(meta.bodyStructure())
        .startsWith("((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 13 0")
        .contains("\"mixed\" (\"boundary\" \"XX\")");
  }

  @Test
  default void partsAndHeaderFieldsAreCutAsImapNumbersThem() {
    var alice = accountWith(ContractMail.MULTIPART);
    Login login = alice.login();
    MailboxRef inbox = alice.inbox();
    long uid = alice.uid(0);
    assertThat(section(login, inbox, uid, part("1", Text.ALL))).isEqualTo("See attached.");
    assertThat(section(login, inbox, uid, part("2", Text.ALL))).isEqualTo("AAECAwQFBgcICQ==");
    assertThat(section(login, inbox, uid, part("2", Text.MIME)))
        .isEqualTo(
            "Content-Type: application/octet-stream; name=\"r.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n");
    assertThat(section(login, inbox, uid, part("3", Text.ALL))).isEmpty();
    assertThat(section(login, inbox, uid, part("1", Text.HEADER))).isEmpty();
    var fields = new Section("", Text.HEADER_FIELDS, List.of("subject", "FROM"), Optional.empty());
    assertThat(section(login, inbox, uid, fields))
        .isEqualTo("From: carol@example.org\r\nSubject: Report\r\n\r\n");
    var not =
        new Section(
            "", Text.HEADER_FIELDS_NOT, List.of("Content-Type", "To", "Date"), Optional.empty());
    assertThat(section(login, inbox, uid, not))
        .isEqualTo("From: carol@example.org\r\nSubject: Report\r\nMIME-Version: 1.0\r\n\r\n");
  }

  @Test
  default void aPartialSectionIsCutFromTheWholeAndSaysWhereItStarts() {
    var alice = accountWith(ContractMail.MULTIPART);
    long uid = alice.uid(0);
    var first = new Section("", Text.ALL, List.of(), Optional.of(new long[] {0, 10}));
    assertThat(section(alice.login(), alice.inbox(), uid, first))
        .isEqualTo(ContractMail.MULTIPART.substring(0, 10));
    var inPart = new Section("1", Text.ALL, List.of(), Optional.of(new long[] {5, 100}));
    assertThat(section(alice.login(), alice.inbox(), uid, inPart)).isEqualTo("ttached.");
    var beyond = new Section("", Text.ALL, List.of(), Optional.of(new long[] {100_000, 10}));
    assertThat(section(alice.login(), alice.inbox(), uid, beyond)).isEmpty();
    var spec = FetchSpec.peek(List.of(inPart));
    List<FetchPart> parts =
        await(
            clients()
                .fetch()
                .fetch(alice.login(), alice.inbox(), UidSet.one(uid), spec)
                .collect()
                .asList());
    assertThat(parts)
        .filteredOn(FetchPart.Chunk.class::isInstance)
        .map(p -> ((FetchPart.Chunk) p).origin())
        .containsOnly(5L);
  }

  private static Section part(String part, Text text) {
    return new Section(part, text, List.of(), Optional.empty());
  }
}
