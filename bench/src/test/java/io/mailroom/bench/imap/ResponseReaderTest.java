package io.mailroom.bench.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResponseReaderTest {

  // A greeting, a FETCH with two literals (one holding CRLFs and a fake "{5}" line end, one
  // empty), a continuation, a bare "+", and a tagged completion with a response code.
  private static final String STREAM =
      "* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"
          + "* 3 FETCH (UID 7 BODY[] {22}\r\nSubject: x {5}\r\n\r\nhi\r\n"
          + " BODY[1] {0}\r\n FLAGS (\\Seen $Bench))\r\n"
          + "+ idling\r\n"
          + "+\r\n"
          + "a12 OK [APPENDUID 9 42] APPEND completed\r\n";

  @Test
  void readsEveryKindOfResponseInOneChunk() {
    assertExpected(feed(List.of(bytes(STREAM))));
  }

  @Test
  void literalsAndCrlfsSplitAtEveryByte() {
    byte[] all = bytes(STREAM);
    for (int cut = 1; cut < all.length; cut++) {
      Buffer whole = Buffer.buffer(all);
      assertExpected(feed(List.of(whole.getBytes(0, cut), whole.getBytes(cut, all.length))));
    }
  }

  @Test
  void oneByteAtATime() {
    List<byte[]> chunks = new ArrayList<>();
    for (byte b : bytes(STREAM)) {
      chunks.add(new byte[] {b});
    }
    assertExpected(feed(chunks));
  }

  @Test
  void randomChunks() {
    Random random = new Random(7);
    byte[] all = bytes(STREAM);
    for (int round = 0; round < 200; round++) {
      List<byte[]> chunks = new ArrayList<>();
      int pos = 0;
      while (pos < all.length) {
        int n = Math.min(all.length - pos, 1 + random.nextInt(9));
        chunks.add(Buffer.buffer(all).getBytes(pos, pos + n));
        pos += n;
      }
      assertExpected(feed(chunks));
    }
  }

  @Test
  void aLoneLfEndsALineAndASplitCrlfDoesNotLoop() {
    Responses got = feed(List.of(bytes("* 1 EXISTS\n* 2 EXISTS\r"), bytes("\n")));
    assertThat(got.list).extracting(ImapResponse::text).containsExactly("1 EXISTS", "2 EXISTS");
  }

  @Test
  void braceTextThatIsNotALiteralMarkerStaysText() {
    Responses got = feed(List.of(bytes("* OK {x}\r\n* OK a}\r\n* OK {}\r\n")));
    assertThat(got.list).extracting(ImapResponse::text).containsExactly("OK {x}", "OK a}", "OK {}");
    assertThat(got.list).allSatisfy(r -> assertThat(r.literals()).isEmpty());
  }

  @Test
  void anEndlessLineIsMalformed() {
    ResponseReader reader = new ResponseReader(r -> {});
    Buffer junk = Buffer.buffer(new byte[ResponseReader.MAX_LINE + 1]);
    assertThatThrownBy(() -> reader.feed(junk)).isInstanceOf(ResponseReader.Malformed.class);
  }

  @Test
  void literalSizeOnlyForDigitsInBracesAtTheEnd() {
    assertThat(ResponseReader.literalSize("* 1 FETCH (BODY[] {123}")).isEqualTo(123);
    assertThat(ResponseReader.literalSize("{0}")).isZero();
    assertThat(ResponseReader.literalSize("x {12+}")).isEqualTo(-1);
    assertThat(ResponseReader.literalSize("x {}")).isEqualTo(-1);
    assertThat(ResponseReader.literalSize("x 12}")).isEqualTo(-1);
  }

  private static void assertExpected(Responses got) {
    assertThat(got.list).hasSize(5);
    ImapResponse greeting = got.list.get(0);
    assertThat(greeting.kind()).isEqualTo(ImapResponse.Kind.UNTAGGED);
    assertThat(greeting.responseCode()).isEqualTo("CAPABILITY IMAP4rev1 LITERAL+");

    ImapResponse fetch = got.list.get(1);
    assertThat(fetch.numbered("FETCH")).isEqualTo(3);
    assertThat(fetch.text())
        .isEqualTo("3 FETCH (UID 7 BODY[] {22} BODY[1] {0} FLAGS (\\Seen $Bench))");
    assertThat(fetch.literals()).hasSize(2);
    assertThat(fetch.literals().get(0).toString(StandardCharsets.UTF_8))
        .isEqualTo("Subject: x {5}\r\n\r\nhi\r\n");
    assertThat(fetch.literals().get(1).length()).isZero();

    assertThat(got.list.get(2).kind()).isEqualTo(ImapResponse.Kind.CONTINUATION);
    assertThat(got.list.get(2).text()).isEqualTo("idling");
    assertThat(got.list.get(3).kind()).isEqualTo(ImapResponse.Kind.CONTINUATION);
    assertThat(got.list.get(3).text()).isEmpty();

    ImapResponse tagged = got.list.get(4);
    assertThat(tagged.kind()).isEqualTo(ImapResponse.Kind.TAGGED);
    assertThat(tagged.tag()).isEqualTo("a12");
    assertThat(tagged.firstWord()).isEqualTo("OK");
    assertThat(tagged.responseCode()).isEqualTo("APPENDUID 9 42");
  }

  private record Responses(List<ImapResponse> list) {}

  private static Responses feed(List<byte[]> chunks) {
    List<ImapResponse> out = new ArrayList<>();
    ResponseReader reader = new ResponseReader(out::add);
    for (byte[] chunk : chunks) {
      reader.feed(Buffer.buffer(chunk));
    }
    return new Responses(out);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
