package io.mailroom.imap.command;

import static io.mailroom.imap.command.ParserAssertions.framed;
import static io.mailroom.imap.command.ParserAssertions.valid;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.imap.wire.Literal;
import io.mailroom.imap.wire.RawCommand;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mailbox arguments sent as literals (RFC 3501 4.3: an astring may be a literal wherever it may be
 * an atom or a quoted string), as clients do for names with spaces, quotes or 8-bit characters.
 */
class LiteralArgumentsTest {

  @Test
  void renameWithBothNamesAsLiterals() {
    assertThat(valid(framed("a RENAME {8}", "Old Mail", " {11+}", "Mail \"2024\"", "")))
        .isEqualTo(new Command.Rename("Old Mail", "Mail \"2024\""));
  }

  @Test
  void renameWithOneLiteralAndOneAtom() {
    assertThat(valid(framed("a RENAME {4}", "Work", " Jobs")))
        .isEqualTo(new Command.Rename("Work", "Jobs"));
    assertThat(valid(framed("a RENAME Work {9}", "Jobs/Done", "")))
        .isEqualTo(new Command.Rename("Work", "Jobs/Done"));
  }

  @Test
  void statusWithTheMailboxAsALiteral() {
    assertThat(valid(framed("a STATUS {10}", "Sent Items", " (MESSAGES UIDNEXT)")))
        .isEqualTo(
            new Command.Status(
                "Sent Items", List.of(Command.StatusItem.MESSAGES, Command.StatusItem.UIDNEXT)));
  }

  @Test
  void copyAndUidCopyToALiteralMailbox() {
    assertThat(valid(framed("a COPY 1:3 {8}", "Old Mail", "")))
        .isEqualTo(new Command.Copy(false, SequenceSet.parse("1:3"), "Old Mail", false));
    assertThat(valid(framed("a UID COPY 5 {7+}", "Archive", "")))
        .isEqualTo(new Command.Copy(true, SequenceSet.parse("5"), "Archive", false));
    assertThat(valid(framed("a UID MOVE 2,4 {5}", "Trash", "")))
        .isEqualTo(new Command.Copy(true, SequenceSet.parse("2,4"), "Trash", true));
  }

  @Test
  void deleteAndSubscribeALiteralMailbox() {
    assertThat(valid(framed("a DELETE {8}", "Old Mail", "")))
        .isEqualTo(new Command.Delete("Old Mail"));
    assertThat(valid(framed("a SUBSCRIBE {4+}", "News", "")))
        .isEqualTo(new Command.Subscribe("News", true));
    assertThat(valid(framed("a UNSUBSCRIBE {4}", "News", "")))
        .isEqualTo(new Command.Subscribe("News", false));
  }

  @Test
  void aLiteralNameIsStillModifiedUtf7AndInboxCaseInsensitive() {
    assertThat(valid(framed("a DELETE {9}", "&AOQ-pfel", "")))
        .isEqualTo(new Command.Delete("äpfel"));
    assertThat(valid(framed("a STATUS {5}", "inbox", " (MESSAGES)")))
        .isEqualTo(new Command.Status("INBOX", List.of(Command.StatusItem.MESSAGES)));
    assertThat(CommandParser.parse(framed("a RENAME {4}", "&AOQ", " b")))
        .isInstanceOf(ParsedCommand.Invalid.class);
  }

  @Test
  void aLiteralFollowedByTrailingJunkIsBad() {
    assertThat(CommandParser.parse(framed("a DELETE {4}", "Junk", " extra")))
        .isEqualTo(new ParsedCommand.Invalid("a", "Extra arguments"));
    assertThat(CommandParser.parse(framed("a SUBSCRIBE {4}", "News", "x")))
        .isInstanceOf(ParsedCommand.Invalid.class);
  }

  @Test
  void aStreamedLiteralIsNoMailboxName() {
    // Only an APPEND message is streamed; anywhere else the parser must not take it as a name.
    var raw =
        new RawCommand(
            List.of("a DELETE {4}".getBytes(StandardCharsets.US_ASCII), new byte[0]),
            List.of(new Literal.Streamed(4)));
    assertThat(CommandParser.parse(raw)).isInstanceOf(ParsedCommand.Invalid.class);
  }
}
