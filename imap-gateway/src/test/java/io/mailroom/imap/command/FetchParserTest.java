package io.mailroom.imap.command;

import static io.mailroom.imap.command.ParserAssertions.bad;
import static io.mailroom.imap.command.ParserAssertions.valid;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.imap.command.FetchItem.BodySection;
import io.mailroom.imap.command.FetchItem.Simple;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FETCH and STORE: their sequence sets, fetch items and macros, and flag changes. */
class FetchParserTest {

  @Test
  void fetchItemsAndMacros() {
    var all = (Command.Fetch) valid("a FETCH 1:* ALL");
    assertThat(all.items()).isEqualTo(FetchItem.all());
    assertThat(((Command.Fetch) valid("a FETCH 1 fast")).items()).isEqualTo(FetchItem.fast());
    assertThat(((Command.Fetch) valid("a FETCH 1 FULL")).items()).isEqualTo(FetchItem.full());
    var fetch =
        (Command.Fetch)
            valid(
                "a UID FETCH 1:3,7 (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE"
                    + " BODY BODY.PEEK[HEADER.FIELDS (From Subject)] BODY[1.2.MIME]"
                    + " BODY[]<0.1024> RFC822.HEADER BODY[TEXT])");
    assertThat(fetch.uid()).isTrue();
    assertThat(fetch.set().toString()).isEqualTo("1:3,7");
    assertThat(fetch.items())
        .startsWith(
            Simple.UID,
            Simple.FLAGS,
            Simple.INTERNALDATE,
            Simple.RFC822_SIZE,
            Simple.ENVELOPE,
            Simple.BODYSTRUCTURE,
            Simple.BODY);
    var headerFields = (BodySection) fetch.items().get(7);
    assertThat(headerFields.peek()).isTrue();
    assertThat(headerFields.section())
        .isEqualTo(
            new FetchItem.Section("", FetchItem.Text.HEADER_FIELDS, List.of("From", "Subject")));
    var mime = (BodySection) fetch.items().get(8);
    assertThat(mime.section())
        .isEqualTo(new FetchItem.Section("1.2", FetchItem.Text.MIME, List.of()));
    var partial = (BodySection) fetch.items().get(9);
    assertThat(partial.partial()).contains(new FetchItem.Partial(0, 1024));
    var header = (BodySection) fetch.items().get(10);
    assertThat(header.rfc822Name()).contains("RFC822.HEADER");
    assertThat(header.peek()).isTrue();
    assertThat(((BodySection) fetch.items().get(11)).peek()).isFalse();
    assertThat(bad("a FETCH 1 (FLAGS ALL)")).isEqualTo("A macro cannot be inside a list");
    assertThat(bad("a FETCH 1 BODY[MIME]")).isEqualTo("MIME needs a part number");
    assertThat(bad("a FETCH 1 BODY[1.]")).isEqualTo("Invalid section");
    assertThat(bad("a FETCH 0 FLAGS")).isEqualTo("Invalid sequence set");
    assertThat(bad("a FETCH 1:x FLAGS")).isEqualTo("Invalid sequence set");
    assertThat(bad("a FETCH 1 FOO")).isEqualTo("Unknown fetch item FOO");
  }

  @Test
  void store() {
    assertThat(valid("a STORE 1:2 +FLAGS.SILENT (\\seen $Important)"))
        .isEqualTo(
            new Command.Store(
                false,
                SequenceSet.parse("1:2"),
                Command.FlagMode.ADD,
                true,
                List.of("\\Seen", "$Important")));
    assertThat(valid("a UID STORE 5 -FLAGS \\Deleted"))
        .isEqualTo(
            new Command.Store(
                true,
                SequenceSet.parse("5"),
                Command.FlagMode.REMOVE,
                false,
                List.of("\\Deleted")));
    assertThat(((Command.Store) valid("a STORE 1 FLAGS ()")).flags()).isEmpty();
    assertThat(bad("a STORE 1 FLAGS (\\Recent)")).isEqualTo("Cannot store \\Recent");
    assertThat(bad("a STORE 1 LABELS (x)")).isEqualTo("Expected FLAGS or FLAGS.SILENT");
  }
}
