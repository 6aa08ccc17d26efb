package io.mailroom.store.lmtp.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LmtpCommandParserTest {
  private final LmtpCommandParser parser = new LmtpCommandParser();

  @Test
  void verbsAreCaseInsensitive() {
    assertThat(parser.parse("lhlo mta.example")).isEqualTo(new LmtpCommand.Lhlo("mta.example"));
    assertThat(parser.parse("noop anything")).isEqualTo(new LmtpCommand.Noop());
    assertThat(parser.parse("Data")).isEqualTo(new LmtpCommand.Data());
  }

  @Test
  void mailFromWithSizeAndBody() {
    assertThat(parser.parse("MAIL FROM:<a@b.example> SIZE=1234 BODY=8BITMIME"))
        .isEqualTo(new LmtpCommand.Mail("a@b.example", OptionalLong.of(1234)));
    assertThat(parser.parse("MAIL FROM:<>"))
        .isEqualTo(new LmtpCommand.Mail("", OptionalLong.empty()));
    assertThat(parser.parse("mail from: <a@b.example>"))
        .isEqualTo(new LmtpCommand.Mail("a@b.example", OptionalLong.empty()));
  }

  @Test
  void mailFromErrors() {
    assertThat(parser.parse("MAIL <a@b>")).isInstanceOf(LmtpCommand.Malformed.class);
    assertThat(parser.parse("MAIL FROM:<a@b> SIZE=big")).isInstanceOf(LmtpCommand.Malformed.class);
    assertThat(parser.parse("MAIL FROM:<a@b")).isInstanceOf(LmtpCommand.Malformed.class);
    assertThat(parser.parse("MAIL FROM:<a@b> SMTPUTF8"))
        .isEqualTo(new LmtpCommand.UnsupportedParameter("MAIL", "SMTPUTF8"));
  }

  @Test
  void rcptToTakesFullAddressesAndBareUsernames() {
    assertThat(parser.parse("RCPT TO:<alice@any.example>"))
        .isEqualTo(new LmtpCommand.Rcpt(new MailAddress("alice@any.example", "alice")));
    assertThat(parser.parse("RCPT TO:<alice>"))
        .isEqualTo(new LmtpCommand.Rcpt(new MailAddress("alice", "alice")));
    assertThat(parser.parse("RCPT TO:<@relay.example:bob@x.example>"))
        .isEqualTo(new LmtpCommand.Rcpt(new MailAddress("bob@x.example", "bob")));
    assertThat(parser.parse("RCPT TO:<\"john doe\"@x.example>"))
        .isEqualTo(new LmtpCommand.Rcpt(new MailAddress("\"john doe\"@x.example", "john doe")));
  }

  @Test
  void rcptToErrors() {
    assertThat(parser.parse("RCPT TO:<>")).isInstanceOf(LmtpCommand.Malformed.class);
    assertThat(parser.parse("RCPT TO:<a b@x>")).isInstanceOf(LmtpCommand.Malformed.class);
    assertThat(parser.parse("RCPT TO:<a\rb@x>")).isInstanceOf(LmtpCommand.Malformed.class);
    assertThat(parser.parse("RCPT TO:<a@x> NOTIFY=NEVER"))
        .isEqualTo(new LmtpCommand.UnsupportedParameter("RCPT", "NOTIFY"));
  }

  @Test
  void greetingsAndUnknownVerbs() {
    assertThat(parser.parse("EHLO x")).isEqualTo(new LmtpCommand.SmtpGreeting("EHLO"));
    assertThat(parser.parse("HELO x")).isEqualTo(new LmtpCommand.SmtpGreeting("HELO"));
    assertThat(parser.parse("LHLO")).isInstanceOf(LmtpCommand.Malformed.class);
    assertThat(parser.parse("STARTTLS")).isEqualTo(new LmtpCommand.Unrecognized("STARTTLS"));
    assertThat(parser.parse("")).isEqualTo(new LmtpCommand.Unrecognized(""));
    assertThat(parser.parse("QUIT now")).isInstanceOf(LmtpCommand.Malformed.class);
  }
}
