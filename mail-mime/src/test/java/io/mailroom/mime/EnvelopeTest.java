package io.mailroom.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

  @Test
  void encodedSubjectStaysEncodedInTheEnvelopeAndIsDecodedForSearch() {
    ParsedMessage m = Corpus.parse("simple.eml");
    assertThat(m.envelope())
        .isEqualTo(
            """
            ("Mon, 7 Feb 1994 21:52:25 -0800 (PST)" \
            "=?ISO-8859-1?Q?Caf=E9?= afternoon meeting" \
            (("Fred Foobar" NIL "foobar" "Blurdybloop.COM")) \
            (("Fred Foobar" NIL "foobar" "Blurdybloop.COM")) \
            (("Fred Foobar" NIL "foobar" "Blurdybloop.COM")) \
            ((NIL NIL "mooch" "owatagu.siam.edu")("Doe, Jane" NIL "jane" "example.com")) \
            (("Bob Smith" NIL "bob" "example.com")) NIL NIL \
            "<B27397-0100000@Blurdybloop.COM>")""");
    assertThat(m.subject()).isEqualTo("Café afternoon meeting");
    assertThat(m.searchableText()).startsWith("Café afternoon meeting\n");
    assertThat(m.from()).isEqualTo("Fred Foobar <foobar@Blurdybloop.COM>");
    assertThat(m.to()).isEqualTo("mooch@owatagu.siam.edu, Doe, Jane <jane@example.com>");
    assertThat(m.cc()).isEqualTo("Bob Smith <bob@example.com>");
    assertThat(m.messageId()).isEqualTo("<B27397-0100000@Blurdybloop.COM>");
    assertThat(m.sentDate()).isEqualTo(OffsetDateTime.parse("1994-02-07T21:52:25-08:00"));
  }

  @Test
  void groupsRoutesQuotedNamesAndMissingDomains() {
    ParsedMessage m = Corpus.parse("group.eml");
    assertThat(m.envelope())
        .isEqualTo(
            """
            (NIL "Groups" (("Pete" NIL "pete" "silly.example")) \
            ((NIL "@relay.example,@gw.example" "list-owner" "lists.example")) \
            (("quote\\"d \\\\ name" NIL "r" "example.com")) \
            ((NIL NIL "A Group" NIL)("Ed Jones" NIL "c" "a.test")(NIL NIL "joe" "where.test")\
            ("John" NIL "jdoe" "one.test")(NIL NIL NIL NIL)) \
            ((NIL NIL "Undisclosed recipients" NIL)(NIL NIL NIL NIL)) \
            (("=?UTF-8?B?SsO2cmc=?=" NIL "joerg" "example.de")\
            (NIL NIL "local-only" "MISSING_DOMAIN")) \
            "<parent@example.com>" NIL)""");
    assertThat(m.to())
        .isEqualTo("A Group: Ed Jones <c@a.test>, joe@where.test, John <jdoe@one.test>;");
    assertThat(m.bcc()).startsWith("Jörg <joerg@example.de>");
  }

  @Test
  void missingFieldsAreNil() {
    ParsedMessage m = Corpus.parse("missing-headers.eml");
    assertThat(m.envelope())
        .isEqualTo("(NIL \"nobody sent this\" NIL NIL NIL NIL NIL NIL NIL NIL)");
    assertThat(m.sentDate()).isNull();
    assertThat(m.from()).isEmpty();
    assertThat(m.messageId()).isEmpty();
  }

  @Test
  void eightBitHeadersBecomeLiteralsCountedInUtf8Octets() {
    ParsedMessage m = Corpus.parse("8bit-headers.eml");
    // "Grüße aus Köln" is 14 characters, 17 octets in UTF-8; the Latin-1 "François" is read as
    // ISO-8859-1 (not valid UTF-8) and sent as 9 UTF-8 octets.
    assertThat(m.envelope())
        .isEqualTo(
            "(NIL {17}\r\nGrüße aus Köln (({13}\r\nJörg Müller NIL \"joerg\" \"example.de\"))"
                + " (({13}\r\nJörg Müller NIL \"joerg\" \"example.de\"))"
                + " (({13}\r\nJörg Müller NIL \"joerg\" \"example.de\"))"
                + " (({9}\r\nFrançois NIL \"fr\" \"example.fr\")) NIL NIL NIL NIL)");
    assertThat(m.subject()).isEqualTo("Grüße aus Köln");
  }

  @Test
  void stringsWithManyQuotedSpecialsBecomeLiterals() {
    assertThat(ImapStrings.nstring("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    assertThat(ImapStrings.nstring("\"\"\"\"\"")).isEqualTo("{5}\r\n\"\"\"\"\"");
    assertThat(ImapStrings.nstring(null)).isEqualTo("NIL");
    assertThat(ImapStrings.nstring("")).isEqualTo("\"\"");
    assertThat(ImapStrings.nstring("nul\0dropped")).isEqualTo("\"nuldropped\"");
  }

  @Test
  void foldedHeadersAreUnfolded() {
    byte[] message =
        Corpus.normalise(
            ("Subject: a subject\n  folded twice\n\tand thrice\nFrom: \"A\n B\" <a@b.c>\n\nx\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    ParsedMessage m = Corpus.parse(message);
    assertThat(m.envelope())
        .startsWith("(NIL \"a subject  folded twice\tand thrice\" ((\"A B\" NIL \"a\" \"b.c\"))");
  }

  @Test
  void lenientDatesStillParse() {
    assertThat(MessageParser.sentDate("Tue, 1 Apr 2025 12:00:00 +0000"))
        .isEqualTo(OffsetDateTime.parse("2025-04-01T12:00:00Z"));
    assertThat(MessageParser.sentDate("1 Apr 2025 12:00:00 +0130"))
        .isEqualTo(OffsetDateTime.parse("2025-04-01T12:00:00+01:30"));
    assertThat(MessageParser.sentDate("yesterday, around noon")).isNull();
  }
}
