package io.mailroom.imap.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MailboxNameTest {
  @Test
  void convertsBothWays() {
    for (String name :
        new String[] {"INBOX", "Entwürfe", "日本語/メール", "Tom & Jerry", "~peter/mail/台北", "😀"}) {
      assertThat(MailboxName.fromImap(MailboxName.toImap(name))).isEqualTo(name);
    }
    assertThat(MailboxName.toImap("Entwürfe")).isEqualTo("Entw&APw-rfe");
    assertThat(MailboxName.toImap("~peter/mail/台北/日本語"))
        .isEqualTo("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
    assertThat(MailboxName.toImap("&")).isEqualTo("&-");
  }

  @Test
  void inboxIsCaseInsensitive() {
    assertThat(MailboxName.fromImap("inbox")).isEqualTo("INBOX");
    assertThat(MailboxName.fromImap("Inbox/Sub")).isEqualTo("INBOX/Sub");
  }

  @Test
  void refusesInvalidModifiedUtf7() {
    assertThatThrownBy(() -> MailboxName.fromImap("&Jjo")).isInstanceOf(SyntaxError.class);
    assertThatThrownBy(() -> MailboxName.fromImap("&AGE-")).isInstanceOf(SyntaxError.class);
    assertThatThrownBy(() -> MailboxName.fromImap("&2D0-")).isInstanceOf(SyntaxError.class);
    assertThatThrownBy(() -> MailboxName.fromImap("a\r\nb")).isInstanceOf(SyntaxError.class);
    assertThatThrownBy(() -> MailboxName.fromImap("ü")).isInstanceOf(SyntaxError.class);
  }
}
