package io.mailroom.imap.command;

import static io.mailroom.imap.command.ParserAssertions.bad;
import static io.mailroom.imap.command.ParserAssertions.framed;
import static io.mailroom.imap.command.ParserAssertions.valid;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.imap.wire.Literal;
import io.mailroom.imap.wire.RawCommand;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The general, authentication and mailbox commands, and the CONDSTORE parameters across commands;
 * FETCH and STORE are in FetchParserTest, SEARCH in SearchParserTest.
 */
class CommandParserTest {

  @Test
  void simpleCommands() {
    assertThat(valid("a CAPABILITY")).isEqualTo(new Command.Capability());
    assertThat(valid("a noop")).isEqualTo(new Command.Noop());
    assertThat(valid("a LOGOUT")).isEqualTo(new Command.Logout());
    assertThat(valid("a STARTTLS")).isEqualTo(new Command.StartTls());
    assertThat(valid("a NAMESPACE")).isEqualTo(new Command.Namespace());
    assertThat(valid("a IDLE")).isEqualTo(new Command.Idle());
    assertThat(valid("a CHECK")).isEqualTo(new Command.Check());
    assertThat(valid("a CLOSE")).isEqualTo(new Command.Close());
    assertThat(valid("a UNSELECT")).isEqualTo(new Command.Unselect());
    assertThat(valid("a EXPUNGE")).isEqualTo(new Command.Expunge(Optional.empty()));
    assertThat(bad("a NOOP extra")).isEqualTo("Extra arguments");
  }

  @Test
  void tagAndUnknownCommands() {
    assertThat(CommandParser.parse(RawCommand.of("+ NOOP")))
        .isEqualTo(new ParsedCommand.Invalid("*", "Missing or invalid tag"));
    assertThat(bad("a FROBNICATE")).isEqualTo("Unknown command FROBNICATE");
    assertThat(bad("a")).isEqualTo("Missing arguments");
  }

  @Test
  void login() {
    assertThat(valid("a LOGIN alice \"pa ss\\\"word\""))
        .isEqualTo(new Command.Login("alice", "pa ss\"word"));
    assertThat(valid(framed("a LOGIN {5}", "alice", " {4+}", "p\r\nw", "")))
        .isEqualTo(new Command.Login("alice", "p\r\nw"));
    assertThat(bad("a LOGIN alice")).isEqualTo("Missing arguments");
    assertThat(valid("a LOGIN alice secret").toString()).doesNotContain("secret");
  }

  @Test
  void authenticate() {
    assertThat(valid("a AUTHENTICATE plain"))
        .isEqualTo(new Command.Authenticate("PLAIN", Optional.empty()));
    assertThat(valid("a AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA=="))
        .isEqualTo(new Command.Authenticate("PLAIN", Optional.of("AGFsaWNlAHNlY3JldA==")));
  }

  @Test
  void idAndEnable() {
    assertThat(valid("a ID NIL")).isEqualTo(new Command.Id(List.of()));
    assertThat(valid("a ID (\"name\" \"Thunderbird\" \"version\" NIL)").name()).isEqualTo("ID");
    assertThat(valid("a ENABLE CONDSTORE utf8=accept"))
        .isEqualTo(new Command.Enable(List.of("CONDSTORE", "UTF8=ACCEPT")));
    bad("a ENABLE");
  }

  @Test
  void mailboxCommands() {
    assertThat(valid("a SELECT inbox")).isEqualTo(new Command.Select("INBOX", false));
    assertThat(valid("a EXAMINE \"Sent Items\"")).isEqualTo(new Command.Select("Sent Items", true));
    assertThat(valid(framed("a SELECT {5}", "Trash", "")))
        .isEqualTo(new Command.Select("Trash", false));
    assertThat(valid("a CREATE Archive/2024"))
        .isEqualTo(new Command.Create("Archive/2024", Optional.empty()));
    assertThat(valid("a CREATE Old (USE (\\archive))"))
        .isEqualTo(new Command.Create("Old", Optional.of("\\Archive")));
    assertThat(valid("a DELETE Junk")).isEqualTo(new Command.Delete("Junk"));
    assertThat(valid("a RENAME a b")).isEqualTo(new Command.Rename("a", "b"));
    assertThat(valid("a SUBSCRIBE x")).isEqualTo(new Command.Subscribe("x", true));
    assertThat(valid("a UNSUBSCRIBE x")).isEqualTo(new Command.Subscribe("x", false));
    assertThat(valid("a SELECT INBOX/Sub")).isEqualTo(new Command.Select("INBOX/Sub", false));
  }

  @Test
  void mailboxNamesAreModifiedUtf7() {
    assertThat(valid("a SELECT &AOQ-pfel")).isEqualTo(new Command.Select("äpfel", false));
    assertThat(valid("a CREATE Tom&-Jerry"))
        .isEqualTo(new Command.Create("Tom&Jerry", Optional.empty()));
    assertThat(bad("a SELECT &AOQ")).startsWith("Invalid mailbox name");
    assertThat(bad("a SELECT &AGE-")).startsWith("Invalid mailbox name");
    assertThat(CommandParser.parse(framed("a CREATE {6}", "x\r\n* y", "")))
        .isInstanceOf(ParsedCommand.Invalid.class);
  }

  @Test
  void listAndLsub() {
    assertThat(valid("a LIST \"\" *")).isEqualTo(new Command.ListMailboxes("", "*", false));
    assertThat(valid("a LIST \"\" \"\"")).isEqualTo(new Command.ListMailboxes("", "", false));
    assertThat(valid("a LSUB \"\" INBOX/%"))
        .isEqualTo(new Command.ListMailboxes("", "INBOX/%", true));
    assertThat(valid(framed("a LIST {0}", "", " {1}", "*", "")))
        .isEqualTo(new Command.ListMailboxes("", "*", false));
  }

  @Test
  void status() {
    assertThat(valid("a STATUS INBOX (MESSAGES unseen UIDNEXT)"))
        .isEqualTo(
            new Command.Status(
                "INBOX",
                List.of(
                    Command.StatusItem.MESSAGES,
                    Command.StatusItem.UNSEEN,
                    Command.StatusItem.UIDNEXT)));
    assertThat(bad("a STATUS INBOX (FOO)")).isEqualTo("Unknown status item FOO");
    bad("a STATUS INBOX ()");
  }

  @Test
  void append() {
    var raw =
        new RawCommand(
            List.of(
                "a APPEND Drafts (\\Seen \\Draft) \" 7-Feb-1994 21:52:25 -0800\" {310}"
                    .getBytes(StandardCharsets.US_ASCII),
                new byte[0]),
            List.of(new Literal.Streamed(310)));
    var append = (Command.Append) valid(raw);
    assertThat(append.mailbox()).isEqualTo("Drafts");
    assertThat(append.flags()).containsExactly("\\Seen", "\\Draft");
    assertThat(append.internalDate().orElseThrow().toString())
        .isEqualTo("1994-02-07T21:52:25-08:00");
    assertThat(append.size()).isEqualTo(310);
    var plain =
        new RawCommand(
            List.of("a APPEND INBOX {3+}".getBytes(StandardCharsets.US_ASCII), new byte[0]),
            List.of(new Literal.Streamed(3)));
    assertThat(valid(plain)).isEqualTo(new Command.Append("INBOX", List.of(), Optional.empty(), 3));
    var extra =
        new RawCommand(
            List.of("a APPEND INBOX {3}".getBytes(StandardCharsets.US_ASCII), bytes(" x")),
            List.of(new Literal.Streamed(3)));
    assertThat(CommandParser.parse(extra)).isInstanceOf(ParsedCommand.Invalid.class);
    bad("a APPEND INBOX");
  }

  @Test
  void copyMoveAndUidExpunge() {
    assertThat(valid("a COPY 1:3 Archive"))
        .isEqualTo(new Command.Copy(false, SequenceSet.parse("1:3"), "Archive", false));
    assertThat(valid("a UID MOVE 4,6 \"Trash\""))
        .isEqualTo(new Command.Copy(true, SequenceSet.parse("4,6"), "Trash", true));
    assertThat(valid("a UID EXPUNGE 3:5"))
        .isEqualTo(new Command.Expunge(Optional.of(SequenceSet.parse("3:5"))));
    assertThat(bad("a UID FOO 1")).isEqualTo("Unknown UID command FOO");
  }

  @Test
  void condstoreParametersAndModifiers() {
    assertThat(valid("a SELECT INBOX (CONDSTORE)"))
        .isEqualTo(new Command.Select("INBOX", false, true));
    assertThat(valid("a EXAMINE Sent (condstore)"))
        .isEqualTo(new Command.Select("Sent", true, true));
    assertThat(bad("a SELECT INBOX (QRESYNC)")).isEqualTo("Unknown SELECT parameter");
    assertThat(bad("a SELECT INBOX ()")).isEqualTo("Empty parameter list");

    var fetch = (Command.Fetch) valid("a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)");
    assertThat(fetch.changedSince()).isEqualTo(OptionalLong.of(12345));
    assertThat(fetch.items()).containsExactly(FetchItem.Simple.FLAGS);
    assertThat(((Command.Fetch) valid("a FETCH 1 MODSEQ")).items())
        .containsExactly(FetchItem.Simple.MODSEQ);
    assertThat(((Command.Fetch) valid("a FETCH 1 FLAGS")).changedSince()).isEmpty();
    assertThat(bad("a FETCH 1 FLAGS (VANISHED)")).isEqualTo("Unknown fetch modifier VANISHED");

    assertThat(valid("a STORE 7,5 (UNCHANGEDSINCE 320162338) +FLAGS.SILENT (\\Deleted)"))
        .isEqualTo(
            new Command.Store(
                false,
                SequenceSet.parse("7,5"),
                Command.FlagMode.ADD,
                true,
                List.of("\\Deleted"),
                OptionalLong.of(320162338)));
    assertThat(bad("a STORE 1 (UNCHANGED 3) FLAGS ()"))
        .isEqualTo("Unknown store modifier UNCHANGED");

    assertThat(((Command.Search) valid("a SEARCH MODSEQ 620162338")).key())
        .isEqualTo(new SearchKey.ModSeq(620162338));
    assertThat(((Command.Search) valid("a SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338")).key())
        .isEqualTo(new SearchKey.ModSeq(620162338));
    assertThat(bad("a SEARCH MODSEQ \"/flags/\\\\draft\" mine 1"))
        .isEqualTo("Invalid MODSEQ entry type");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
