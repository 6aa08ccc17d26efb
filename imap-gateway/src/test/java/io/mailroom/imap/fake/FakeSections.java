package io.mailroom.imap.fake;

import com.google.protobuf.ByteString;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.SectionChunk;
import java.util.Arrays;
import java.util.List;

/** The fake store's body sections: which bytes a BodySection names, and how they are streamed. */
final class FakeSections {
  private FakeSections() {}

  /** The chunks that carry section {@code index} of a fetch, as the real store streams them. */
  static List<FetchReply> chunks(FakeStore.Message m, int index, BodySection s) {
    // Like the real store (SectionRange.EMPTY), a part that does not exist
    // comes back as an empty section: the store gives no distinct signal.
    byte[] data = section(m, s);
    if (data == null) {
      data = new byte[0];
    }
    long origin = 0;
    if (s.getPartial()) {
      origin = s.getPartialOffset();
      int from = (int) Math.min(origin, data.length);
      int to = (int) Math.min((long) from + s.getPartialLength(), data.length);
      data = Arrays.copyOfRange(data, from, to);
    }
    // Two chunks when there is enough, so the gateway's streaming is exercised.
    int half = data.length > 64 ? data.length / 2 : data.length;
    var first = chunk(m.uid, index, data.length, data, 0, half, half == data.length, origin);
    if (half == data.length) {
      return List.of(first);
    }
    return List.of(first, chunk(m.uid, index, 0, data, half, data.length, true, origin));
  }

  private static FetchReply chunk(
      long uid, int index, long total, byte[] data, int from, int to, boolean last, long origin) {
    return FetchReply.newBuilder()
        .setChunk(
            SectionChunk.newBuilder()
                .setUid((int) uid)
                .setSectionIndex(index)
                .setTotalLength(total)
                .setData(ByteString.copyFrom(data, from, to - from))
                .setLast(last)
                .setOrigin(origin))
        .build();
  }

  private static byte[] section(FakeStore.Message m, BodySection s) {
    FakeMime.Part part = s.getPart().isEmpty() ? m.mime : FakeMime.child(m.mime, s.getPart());
    if (part == null) {
      return null;
    }
    return switch (s.getText()) {
      case SECTION_TEXT_UNSPECIFIED -> {
        if (s.getPart().isEmpty()) {
          yield m.bytes;
        }
        yield part.body();
      }
      case SECTION_HEADER -> part.header();
      case SECTION_HEADER_FIELDS ->
          FakeMime.headerFields(part.header(), s.getHeaderFieldsList(), false);
      case SECTION_HEADER_FIELDS_NOT ->
          FakeMime.headerFields(part.header(), s.getHeaderFieldsList(), true);
      case SECTION_TEXT -> part.body();
      case SECTION_MIME -> part.header();
      default -> null;
    };
  }
}
