package io.mailroom.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroom.store.StoreFailure;
import org.junit.jupiter.api.Test;

class MailboxNameTest {

  @Test
  void inboxIsCaseInsensitiveAtTheTopLevelOnly() {
    assertThat(MailboxName.of("inbox").value()).isEqualTo("INBOX");
    assertThat(MailboxName.of("Inbox/Sub").value()).isEqualTo("INBOX/Sub");
    assertThat(MailboxName.of("Archive/inbox").value()).isEqualTo("Archive/inbox");
  }

  @Test
  void ancestorsAreOutermostFirst() {
    assertThat(MailboxName.of("a/b/c").ancestors())
        .extracting(MailboxName::value)
        .containsExactly("a", "a/b");
    assertThat(MailboxName.of("a/b/c").isInferiorOf(MailboxName.of("a"))).isTrue();
    assertThat(MailboxName.of("ab").isInferiorOf(MailboxName.of("a"))).isFalse();
  }

  @Test
  void badNamesAreRefusedWithInvalidName() {
    for (String bad : new String[] {"", "a//b", "a/", "x\u0001", "\ud800broken", "é".repeat(128)}) {
      assertThatThrownBy(() -> MailboxName.of(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              StoreFailure.class,
              f -> assertThat(f.reason()).isEqualTo(StoreFailure.Reason.INVALID_NAME));
    }
    assertThat(MailboxName.of("é".repeat(127)).value()).hasSize(127);
  }
}
