package io.mailroom.bench.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImapValuesTest {

  @Test
  void fetchWithFlagsUidAndAHeaderSectionLiteral() {
    ImapResponse r =
        untagged(
            "12 FETCH (UID 40 FLAGS (\\Seen \\Recent $Bench)"
                + " BODY[HEADER.FIELDS (FROM SUBJECT)] {18})",
            "Subject: bench 3\r\n");
    ImapValues.Fetch fetch = ImapValues.fetch(r);
    assertThat(fetch.seq()).isEqualTo(12);
    assertThat(fetch.uid()).isEqualTo(40);
    assertThat(fetch.flags()).containsExactly("\\Seen", "$Bench");
    Object header = fetch.item("BODY[HEADER.FIELDS");
    assertThat(((Buffer) header).toString(StandardCharsets.UTF_8))
        .isEqualTo("Subject: bench 3\r\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void envelopeAndBodystructureWithQuotedEscapesAndNil() {
    ImapResponse r =
        untagged(
            "1 FETCH (UID 5 ENVELOPE (\"Mon, 5 Jan 2026\" \"say \\\"hi\\\" \\\\ (x)\" NIL NIL"
                + " NIL NIL NIL NIL NIL \"<id@x>\") BODYSTRUCTURE (\"text\" \"plain\""
                + " (\"charset\" \"utf-8\") NIL NIL \"8bit\" 120 3 NIL NIL NIL NIL))");
    ImapValues.Fetch fetch = ImapValues.fetch(r);
    List<?> envelope = (List<?>) fetch.items().get("ENVELOPE");
    assertThat(envelope).hasSize(10);
    assertThat(envelope.get(1)).isEqualTo("say \"hi\" \\ (x)");
    assertThat(envelope.get(2)).isNull();
    assertThat(envelope.get(9)).isEqualTo("<id@x>");
    assertThat((List<Object>) fetch.items().get("BODYSTRUCTURE")).startsWith("text", "plain");
  }

  @Test
  void uidAndFlagsWithoutAFullParse() {
    ImapValues.UidFlags a =
        ImapValues.uidAndFlags(untagged("3 FETCH (UID 42 FLAGS (\\Seen \\Recent $Bench))"));
    assertThat(a.uid()).isEqualTo(42);
    assertThat(a.flags()).containsExactly("\\Seen", "$Bench");
    ImapValues.UidFlags b = ImapValues.uidAndFlags(untagged("3 FETCH (FLAGS () UID 7)"));
    assertThat(b.uid()).isEqualTo(7);
    assertThat(b.flags()).isEmpty();
    assertThat(ImapValues.uidAndFlags(untagged("3 FETCH (FLAGS (\\Seen))"))).isNull();
    assertThat(ImapValues.uidAndFlags(untagged("3 FETCH (XUID 5 FLAGS ())"))).isNull();
    assertThat(ImapValues.uidAndFlags(untagged("3 EXISTS"))).isNull();
  }

  @Test
  void notAFetchIsNull() {
    assertThat(ImapValues.fetch(untagged("3 EXISTS"))).isNull();
    assertThat(ImapValues.fetch(untagged("OK [UIDNEXT 4] next"))).isNull();
  }

  @Test
  void unclosedListsAreUnparseable() {
    assertThatThrownBy(() -> ImapValues.fetch(untagged("1 FETCH (FLAGS (\\Seen)")))
        .isInstanceOf(ImapValues.Unparseable.class);
    assertThatThrownBy(() -> ImapValues.fetch(untagged("1 FETCH (BODY[] {3})")))
        .isInstanceOf(ImapValues.Unparseable.class);
  }

  @Test
  void searchStatusAndList() {
    assertThat(ImapValues.searchResults(untagged("SEARCH 2 5 9"))).containsExactly(2L, 5L, 9L);
    assertThat(ImapValues.searchResults(untagged("SEARCH"))).isEmpty();
    assertThat(ImapValues.status(untagged("STATUS \"bench b\" (MESSAGES 3 UIDNEXT 10 UNSEEN 1)")))
        .isEqualTo(Map.of("MESSAGES", 3L, "UIDNEXT", 10L, "UNSEEN", 1L));
    List<Object> list = ImapValues.data(untagged("LIST (\\HasNoChildren) \"/\" bench-steady"));
    assertThat(list).hasSize(3);
    assertThat(list.get(2)).isEqualTo("bench-steady");
  }

  @Test
  void numberedAndDataWords() {
    ImapResponse exists = untagged("17 EXISTS");
    assertThat(exists.numbered("EXISTS")).isEqualTo(17);
    assertThat(exists.numbered("EXPUNGE")).isEqualTo(-1);
    assertThat(untagged("17 EXISTSX").numbered("EXISTS")).isEqualTo(-1);
    assertThat(untagged("SEARCH 1").isData("SEARCH")).isTrue();
    assertThat(untagged("SEARCHING").isData("SEARCH")).isFalse();
  }

  private static ImapResponse untagged(String text, String... literals) {
    List<Buffer> buffers = new ArrayList<>();
    for (String literal : literals) {
      buffers.add(Buffer.buffer(literal));
    }
    return new ImapResponse(ImapResponse.Kind.UNTAGGED, "*", text, buffers);
  }
}
