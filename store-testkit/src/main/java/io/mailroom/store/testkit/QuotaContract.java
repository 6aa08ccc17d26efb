package io.mailroom.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.client.StoreFailure.Reason;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.mailbox.MessageState;
import io.mailroom.store.client.message.AppendSpec;
import io.mailroom.store.client.message.Appended;
import io.mailroom.store.client.message.Copied;
import io.mailroom.store.client.message.CopySpec;
import io.mailroom.store.client.message.FetchSpec;
import io.mailroom.store.client.message.UidSet;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The account's storage quota, as the real store's StorageQuota keeps it: APPEND and COPY add mail
 * and are refused with OVERQUOTA (RESOURCE_EXHAUSTED) when it would not fit; a MOVE takes no more
 * room and is never refused for it; a message that fills the quota exactly still fits. What
 * filter-service's fileinto into a full account rests on.
 */
public interface QuotaContract extends ContractFixtures {
  /** Sets the account's storage limit in octets, as an operator does (0: none). */
  void quota(String username, long octets);

  @Test
  default void aCopyIntoAFullAccountIsOverQuotaAndCopiesNothing() {
    String user = newAccount("pw");
    deliver(user, bytes(ContractMail.PLAIN));
    Login login = login(user, "pw");
    var inbox = select(login, "INBOX", false).ref();
    long used = size(login, inbox, 1);
    quota(user, used + 10);
    var updates = clients().updates();
    assertThat(failure(() -> updates.copy(login, inbox, UidSet.one(1), CopySpec.copyTo("Archive"))))
        .isEqualTo(Reason.OVERQUOTA);
    assertThat(failure(() -> updates.copy(login, inbox, UidSet.one(1), copyCreating("Lists"))))
        .isEqualTo(Reason.OVERQUOTA);
    assertThat(select(login, "Archive", true).messages()).isEmpty();
    assertThat(await(clients().mailboxes().list(login, "", "Lists", false)).entries())
        .as("the refused copy made no target")
        .isEmpty();
    assertThat(select(login, "INBOX", true).messages())
        .extracting(MessageState::uid)
        .containsExactly(1L);

    quota(user, 2 * used);
    Copied filling = await(updates.copy(login, inbox, UidSet.one(1), CopySpec.copyTo("Archive")));
    assertThat(filling.targetUids()).as("a copy that fills the quota exactly").containsExactly(1L);
    quota(user, 0);
    Copied unlimited = await(updates.copy(login, inbox, UidSet.one(1), CopySpec.copyTo("Archive")));
    assertThat(unlimited.targetUids()).containsExactly(2L);
  }

  @Test
  default void aMoveInAFullAccountTakesNoRoomAndIsDone() {
    String user = newAccount("pw");
    deliver(user, bytes(ContractMail.PLAIN));
    Login login = login(user, "pw");
    var inbox = select(login, "INBOX", false).ref();
    quota(user, size(login, inbox, 1));
    Copied moved =
        await(clients().updates().copy(login, inbox, UidSet.one(1), CopySpec.moveTo("Archive")));
    assertThat(moved.sourceUids()).containsExactly(1L);
    assertThat(moved.targetUids()).containsExactly(1L);
    assertThat(select(login, "INBOX", true).messages()).isEmpty();
    assertThat(select(login, "Archive", true).messages()).hasSize(1);
  }

  @Test
  default void anAppendThatDoesNotFitIsOverQuotaAndStoresNothing() {
    String user = newAccount("pw");
    deliver(user, bytes(ContractMail.PLAIN));
    Login login = login(user, "pw");
    long used = size(login, select(login, "INBOX", true).ref(), 1);
    byte[] draft = bytes(ContractMail.PLAIN);
    quota(user, used + draft.length - 1);
    assertThat(failure(() -> append(login, draft))).isEqualTo(Reason.OVERQUOTA);
    assertThat(select(login, "Drafts", true).messages()).isEmpty();
    quota(user, used + draft.length);
    assertThat(await(append(login, draft)).uid()).isEqualTo(1L);
  }

  private long size(Login login, io.mailroom.store.client.mailbox.MailboxRef mailbox, long uid) {
    var spec = new FetchSpec(false, false, true, false, false, false, List.of(), false, 0);
    return meta(login, mailbox, uid, spec).size();
  }

  private static CopySpec copyCreating(String target) {
    return CopySpec.copyTo(target).creatingTarget();
  }

  private Uni<Appended> append(Login login, byte[] message) {
    var spec = new AppendSpec("Drafts", List.of(), 0, 0, message.length);
    return clients().append().append(login, spec, Multi.createFrom().item(message));
  }
}
