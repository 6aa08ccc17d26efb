package io.mailroom.imap.command;

import static io.mailroom.imap.command.ParserAssertions.bad;
import static io.mailroom.imap.command.ParserAssertions.valid;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.imap.wire.RawCommand;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SEARCH: its keys, their nesting, charsets and dates. */
class SearchParserTest {

  @Test
  void searchKeys() {
    var search =
        (Command.Search)
            valid(
                "a UID SEARCH CHARSET UTF-8 UNSEEN OR FROM alice SUBJECT {4}",
                "café", " SINCE 1-Feb-2024 NOT 2:4 UID 10:* LARGER 100");
    assertThat(search.uid()).isTrue();
    assertThat(search.key())
        .isEqualTo(
            new SearchKey.And(
                List.of(
                    new SearchKey.Flag("\\Seen", false),
                    new SearchKey.Or(
                        new SearchKey.Header("From", "alice"),
                        new SearchKey.Header("Subject", "café")),
                    new SearchKey.Date(
                        SearchKey.DateField.INTERNAL,
                        SearchKey.DateRelation.SINCE,
                        LocalDate.of(2024, 2, 1)),
                    new SearchKey.Not(new SearchKey.Sequence(SequenceSet.parse("2:4"))),
                    new SearchKey.Uids(SequenceSet.parse("10:*")),
                    new SearchKey.Size(true, 100))));
    assertThat(((Command.Search) valid("a SEARCH (DELETED KEYWORD $Junk) HEADER X-Spam yes")).key())
        .isEqualTo(
            new SearchKey.And(
                List.of(
                    new SearchKey.And(
                        List.of(
                            new SearchKey.Flag("\\Deleted", true),
                            new SearchKey.Flag("$Junk", true))),
                    new SearchKey.Header("X-Spam", "yes"))));
    assertThat(CommandParser.parse(RawCommand.of("a SEARCH CHARSET KOI8-R ALL")))
        .isEqualTo(
            new ParsedCommand.Refused(
                "a", "SEARCH", "BADCHARSET (UTF-8 US-ASCII)", "Unsupported charset"));
    assertThat(bad("a SEARCH FOO")).isEqualTo("Unknown search key FOO");
    assertThat(bad("a SEARCH SINCE yesterday")).isEqualTo("Invalid date");
    bad("a SEARCH " + "NOT ".repeat(40) + "ALL");
  }
}
