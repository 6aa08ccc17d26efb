package io.mailroom.imap.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroom.imap.command.CommandParser;
import io.mailroom.imap.command.FetchItem;
import io.mailroom.imap.command.FetchItem.Simple;
import io.mailroom.imap.command.ParsedCommand;
import io.mailroom.imap.session.MailboxUpdate;
import io.mailroom.imap.wire.RawCommand;
import io.mailroom.store.client.message.FetchPart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseEncoderTest {
  private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
  private long counted;
  private final ResponseWriter out = new ResponseWriter(wire::writeBytes, n -> counted += n);

  private String sent() {
    return wire.toString(StandardCharsets.UTF_8);
  }

  @Test
  void taggedAndUntaggedStatusLines() {
    out.tagged("a1", ResponseWriter.Status.OK, "READ-WRITE", "SELECT completed");
    out.tagged("a2", ResponseWriter.Status.NO, null, "Nope");
    out.untaggedStatus("OK", "UIDVALIDITY 7", "UIDs valid");
    out.continuation("Ready for literal data");
    out.bye("Logging out");
    assertThat(sent())
        .isEqualTo(
            "a1 OK [READ-WRITE] SELECT completed\r\n"
                + "a2 NO Nope\r\n"
                + "* OK [UIDVALIDITY 7] UIDs valid\r\n"
                + "+ Ready for literal data\r\n"
                + "* BYE Logging out\r\n");
    assertThat(counted).isEqualTo(wire.size());
  }

  @Test
  void stringsAreQuotedOrSentAsLiterals() {
    out.send(ResponseLine.untagged().sp().string("plain").sp().string("say \"hi\" \\o/"));
    out.send(ResponseLine.untagged().sp().string("two\r\nlines").sp().string("Grüße"));
    assertThat(sent())
        .isEqualTo(
            "* \"plain\" \"say \\\"hi\\\" \\\\o/\"\r\n"
                + "* {10}\r\ntwo\r\nlines {7}\r\nGrüße\r\n");
  }

  @Test
  void clientTextCannotForgeAResponseLine() {
    // GreenMail's regression: a CRLF in client text echoed in a reply must not start a new line.
    out.tagged("a", ResponseWriter.Status.BAD, null, "Unknown thing x\r\n* OK forged");
    assertThat(sent()).isEqualTo("a BAD Unknown thing x  * OK forged\r\n");
    assertThat(sent().split("\r\n")).hasSize(1);
    // And a parsed command whose literal name carries a CRLF is refused, never echoed.
    var raw =
        new RawCommand(
            List.of("a CREATE {17}".getBytes(), new byte[0]),
            List.of(
                new io.mailroom.imap.wire.Literal.Inline(
                    "x\r\n* OK [ALERT] y".getBytes(StandardCharsets.US_ASCII))));
    assertThat(CommandParser.parse(raw)).isInstanceOf(ParsedCommand.Invalid.class);
    assertThatThrownBy(() -> ResponseLine.untagged().sp().atom("A\r\nB"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResponseLine.untagged().sp().syntax("(\"a\"\r\n)"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mailboxUpdatesInOrder() {
    UpdateWriter.write(
        out,
        List.of(
            new MailboxUpdate.Expunge(3),
            new MailboxUpdate.Exists(9),
            new MailboxUpdate.Recent(1),
            new MailboxUpdate.FlagsChanged(2, 12, List.of("\\Seen", "$Work"), 77)),
        false,
        false);
    UpdateWriter.flags(out, 4, 40, List.of(), true);
    assertThat(sent())
        .isEqualTo(
            "* 3 EXPUNGE\r\n* 9 EXISTS\r\n* 1 RECENT\r\n* 2 FETCH (FLAGS (\\Seen $Work))\r\n"
                + "* 4 FETCH (UID 40 FLAGS ())\r\n");
  }

  @Test
  void underCondstoreFlagChangesCarryUidAndModseq() {
    UpdateWriter.write(
        out, List.of(new MailboxUpdate.FlagsChanged(2, 12, List.of("\\Seen"), 77)), false, true);
    UpdateWriter.flags(out, 5, 50, null, false, 78); // a .SILENT conditional STORE
    UpdateWriter.flags(out, 6, 60, List.of(), true, 79);
    assertThat(sent())
        .isEqualTo(
            "* 2 FETCH (UID 12 FLAGS (\\Seen) MODSEQ (77))\r\n"
                + "* 5 FETCH (MODSEQ (78))\r\n"
                + "* 6 FETCH (UID 60 FLAGS () MODSEQ (79))\r\n");
  }

  @Test
  void fetchResponseWithStreamedSections() {
    var items =
        List.<FetchItem>of(
            Simple.FLAGS,
            Simple.INTERNALDATE,
            Simple.RFC822_SIZE,
            Simple.ENVELOPE,
            new FetchItem.BodySection(
                new FetchItem.Section("", FetchItem.Text.HEADER_FIELDS, List.of("Subject")),
                true,
                java.util.Optional.empty(),
                java.util.Optional.empty()),
            new FetchItem.BodySection(
                new FetchItem.Section("1", FetchItem.Text.ALL, List.of()),
                false,
                java.util.Optional.of(new FetchItem.Partial(2, 3)),
                java.util.Optional.empty()),
            new FetchItem.BodySection(
                new FetchItem.Section("9", FetchItem.Text.ALL, List.of()),
                true,
                java.util.Optional.empty(),
                java.util.Optional.empty()));
    var writer = new FetchResponseWriter(out, items, true);
    var meta =
        new FetchPart.Meta(
            7, List.of("\\Seen"), 760_000_000_000L, 120, 42, "(NIL \"hi\")", null, null, 3);
    writer.message(1, meta, List.of("\\Seen", "\\Recent"), new BitSet());
    writer.chunk(new FetchPart.Chunk(7, 0, 13, "Subject: hi\r\n".getBytes(), false, 0));
    writer.chunk(new FetchPart.Chunk(7, 1, 3, "llo".getBytes(), true, 2));
    writer.finishMessage();
    assertThat(sent())
        .isEqualTo(
            "* 1 FETCH (UID 7 FLAGS (\\Seen \\Recent) INTERNALDATE \"31-Jan-1994 09:06:40 +0200\""
                + " RFC822.SIZE 42 ENVELOPE (NIL \"hi\")"
                + " BODY[HEADER.FIELDS (Subject)] {13}\r\nSubject: hi\r\n"
                + " BODY[1]<2> {3}\r\nllo BODY[9] NIL)\r\n");
  }

  @Test
  void rfc822ItemsAnswerUnderTheirOwnNames() {
    var items =
        List.<FetchItem>of(
            new FetchItem.BodySection(
                new FetchItem.Section("", FetchItem.Text.ALL, List.of()),
                false,
                java.util.Optional.empty(),
                java.util.Optional.of("RFC822")));
    var writer = new FetchResponseWriter(out, items, false);
    writer.message(
        2, new FetchPart.Meta(5, List.of(), 0, 0, 2, null, null, null, 0), null, new BitSet());
    writer.chunk(new FetchPart.Chunk(5, 0, 2, "hi".getBytes(), true, 0));
    writer.finishMessage();
    assertThat(sent()).isEqualTo("* 2 FETCH (RFC822 {2}\r\nhi)\r\n");
  }

  @Test
  void absentPartsAreNilInRequestOrderWhateverTheStoreSends() {
    var items =
        List.<FetchItem>of(section("3"), section("1"), section("2.1"), section("2"), section("4"));
    var writer = new FetchResponseWriter(out, items, false);
    var absent = new BitSet();
    absent.set(0);
    absent.set(2);
    absent.set(4);
    writer.message(1, new FetchPart.Meta(5, List.of(), 0, 0, 2, null, null, null, 0), null, absent);
    // The store answers a missing part as an empty section, like an empty existing one.
    writer.chunk(new FetchPart.Chunk(5, 0, 0, new byte[0], true, 0));
    writer.chunk(new FetchPart.Chunk(5, 1, 2, "hi".getBytes(), true, 0));
    writer.chunk(new FetchPart.Chunk(5, 2, 0, new byte[0], true, 0));
    writer.chunk(new FetchPart.Chunk(5, 3, 0, new byte[0], true, 0));
    writer.chunk(new FetchPart.Chunk(5, 4, 0, new byte[0], true, 0));
    writer.finishMessage();
    assertThat(sent())
        .isEqualTo(
            "* 1 FETCH (BODY[3] NIL BODY[1] {2}\r\nhi BODY[2.1] NIL BODY[2] {0}\r\n"
                + " BODY[4] NIL)\r\n");
  }

  private static FetchItem section(String part) {
    return new FetchItem.BodySection(
        new FetchItem.Section(part, FetchItem.Text.ALL, List.of()),
        true,
        java.util.Optional.empty(),
        java.util.Optional.empty());
  }
}
