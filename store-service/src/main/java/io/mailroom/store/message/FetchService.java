package io.mailroom.store.message;

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
    List<Multi<FetchItem>> parts = new ArrayList<>();
    parts.add(Multi.createFrom().item(new FetchItem.Meta(row)));
    for (int i = 0; i < sections.size(); i++) {
      parts.add(section(row, i, sections.get(i)));
    }
    return Multi.createBy().concatenating().streams(parts);
  }

  private Multi<FetchItem> section(StoredMessage row, int index, Section section) {
    SectionRange range = SectionRange.of(row.parts(), row.size(), section);
    boolean filtered =
        section.text() == Section.Text.HEADER_FIELDS
            || section.text() == Section.Text.HEADER_FIELDS_NOT;
    if (filtered) {
      long length = Math.min(range.length(), MAX_HEADER_READ);
      return blobs
          .read(row.blobKey(), range.start(), length, CHUNK)
          .collect()
          .in(ByteArrayOutputStream::new, (out, chunk) -> out.writeBytes(chunk))
          .map(
              out ->
                  HeaderFieldFilter.filter(
                      out.toByteArray(),
                      section.headerFields(),
                      section.text() == Section.Text.HEADER_FIELDS))
          .onItem()
          .transformToMulti(bytes -> fromMemory(row.uid(), index, section, bytes));
    }
    long origin = section.partial() ? section.offset() : 0;
    long start = Math.min(origin, range.length());
    long length =
        section.partial()
            ? Math.min(section.length(), range.length() - start)
            : range.length() - start;
    if (length <= 0) {
      return Multi.createFrom()
          .item(new FetchItem.Chunk(row.uid(), index, 0, new byte[0], true, origin));
    }
    AtomicLong sent = new AtomicLong();
    return blobs
        .read(row.blobKey(), range.start() + start, length, CHUNK)
        .map(
            data ->
                new FetchItem.Chunk(
                    row.uid(), index, length, data, sent.addAndGet(data.length) == length, origin));
  }

  private static Multi<FetchItem> fromMemory(long uid, int index, Section section, byte[] bytes) {
    long origin = section.partial() ? section.offset() : 0;
    int start = (int) Math.min(origin, bytes.length);
    int length =
        section.partial()
            ? (int) Math.min(section.length(), bytes.length - start)
            : bytes.length - start;
    List<FetchItem> chunks = new ArrayList<>();
    int at = start;
    do {
      int n = Math.min(CHUNK, start + length - at);
      chunks.add(
          new FetchItem.Chunk(
              uid,
              index,
              length,
              Arrays.copyOfRange(bytes, at, at + n),
              at + n == start + length,
              origin));
      at += n;
    } while (at < start + length);
    return Multi.createFrom().iterable(chunks);
  }
}
