package io.mailroom.store.message;

import io.mailroom.mime.HeaderFields;
import io.mailroom.mime.SectionLocator;
import io.mailroom.mime.SectionLocator.ByteRange;
import io.mailroom.mime.SectionLocator.Kind;
import io.mailroom.persistence.Transactions;
import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.account.Account;
import io.mailroom.store.blob.BlobStore;
import io.mailroom.store.mailbox.MailboxAccess;
import io.mailroom.store.mailbox.MailboxRef;
import io.mailroom.store.persistence.MessageRows;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * FETCH: metadata from PostgreSQL; sections by ranged GET from S3 in chunks of at most 64 KiB, so a
 * large message never sits whole in memory.
 */
@ApplicationScoped
public class FetchService {
  static final int CHUNK = 64 * 1024;
  private static final long MAX_HEADER_READ = 8L << 20;
  private static final int MAX_SECTIONS = 64;
  private static final ByteRange NOTHING = new ByteRange(0, 0);

  /** What FETCH asks for. */
  public record FetchOrder(
      MailboxRef mailbox,
      UidSet uids,
      List<Section> sections,
      boolean setSeen,
      long changedSince) {}

  private final Transactions tx;
  private final MailboxAccess access;
  private final MessageRows messages;
  private final FlagService flags;
  private final BlobStore blobs;

  FetchService(
      Transactions tx,
      MailboxAccess access,
      MessageRows messages,
      FlagService flags,
      BlobStore blobs) {
    this.tx = tx;
    this.access = access;
    this.messages = messages;
    this.flags = flags;
    this.blobs = blobs;
  }

  public Multi<FetchItem> fetch(Account account, FetchOrder order) {
    if (order.sections().size() > MAX_SECTIONS) {
      throw new StoreFailure(Reason.BAD_REQUEST, "too many sections");
    }
    Uni<List<StoredMessage>> rows =
        tx.write(
            session -> {
              if (!order.setSeen()) {
                return access
                    .read(session, account, order.mailbox())
                    .chain(
                        m -> messages.inSet(session, m.id(), order.uids(), order.changedSince()));
              }
              return access
                  .lock(session, account, order.mailbox())
                  .call(
                      m ->
                          flags.store(
                              session,
                              account,
                              m,
                              order.uids(),
                              FlagMode.ADD,
                              Flags.of(List.of("\\Seen")),
                              0))
                  .chain(m -> messages.inSet(session, m.id(), order.uids(), order.changedSince()));
            });
    return rows.onItem()
        .transformToMulti(list -> Multi.createFrom().iterable(list))
        .onItem()
        .transformToMultiAndConcatenate(row -> message(row, order.sections()));
  }

  private Multi<FetchItem> message(StoredMessage row, List<Section> sections) {
    SectionLocator locator = new SectionLocator(row.partOffsets());
    List<Multi<FetchItem>> parts = new ArrayList<>();
    parts.add(Multi.createFrom().item(new FetchItem.Meta(row)));
    for (int i = 0; i < sections.size(); i++) {
      parts.add(section(row, locator, i, sections.get(i)));
    }
    return Multi.createBy().concatenating().streams(parts);
  }

  private Multi<FetchItem> section(
      StoredMessage row, SectionLocator locator, int index, Section section) {
    if (section.part().isEmpty() && section.kind() == Kind.MIME) {
      throw new StoreFailure(Reason.BAD_REQUEST, "MIME needs a part number");
    }
    // A part that does not exist is an empty section (as Dovecot answers), not an error.
    ByteRange range = locator.locate(section.part(), section.kind()).orElse(NOTHING);
    if (section.filtered()) {
      return header(row, range)
          .map(
              header ->
                  HeaderFields.filter(
                      header, section.headerFields(), section.kind() == Kind.HEADER_FIELDS_NOT))
          .onItem()
          .transformToMulti(bytes -> fromMemory(row.uid(), index, section, bytes));
    }
    long origin = section.partial() ? section.offset() : 0;
    ByteRange cut = section.partial() ? range.partial(section.offset(), section.length()) : range;
    long length = cut.length();
    if (length == 0) {
      return Multi.createFrom()
          .item(new FetchItem.Chunk(row.uid(), index, 0, new byte[0], true, origin));
    }
    AtomicLong sent = new AtomicLong();
    return blobs
        .read(row.blobKey(), cut.start(), length, CHUNK)
        .map(
            data ->
                new FetchItem.Chunk(
                    row.uid(), index, length, data, sent.addAndGet(data.length) == length, origin));
  }

  /** The header a HEADER.FIELDS section filters, read whole (up to a bound) to filter it. */
  private Uni<byte[]> header(StoredMessage row, ByteRange range) {
    if (range.length() == 0) {
      return Uni.createFrom().item(new byte[0]);
    }
    return blobs
        .read(row.blobKey(), range.start(), Math.min(range.length(), MAX_HEADER_READ), CHUNK)
        .collect()
        .in(ByteArrayOutputStream::new, (out, chunk) -> out.writeBytes(chunk))
        .map(ByteArrayOutputStream::toByteArray);
  }

  /** The chunks of a section filtered in memory, its partial cut after filtering. */
  private static Multi<FetchItem> fromMemory(long uid, int index, Section section, byte[] bytes) {
    long origin = section.partial() ? section.offset() : 0;
    ByteRange whole = new ByteRange(0, bytes.length);
    ByteRange cut = section.partial() ? whole.partial(section.offset(), section.length()) : whole;
    int start = (int) cut.start();
    int end = (int) cut.end();
    int length = end - start;
    List<FetchItem> chunks = new ArrayList<>();
    int at = start;
    do {
      int n = Math.min(CHUNK, end - at);
      chunks.add(
          new FetchItem.Chunk(
              uid, index, length, Arrays.copyOfRange(bytes, at, at + n), at + n == end, origin));
      at += n;
    } while (at < end);
    return Multi.createFrom().iterable(chunks);
  }
}
