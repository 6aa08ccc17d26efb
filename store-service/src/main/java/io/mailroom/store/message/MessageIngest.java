package io.mailroom.store.message;

import io.mailroom.store.blob.BlobStore;
import io.mailroom.store.config.StoreLimits;
import io.mailroom.store.ingest.MessageAnalysis;
import io.mailroom.store.ingest.MessageAnalysis.Analysed;
import io.mailroom.store.ingest.SpooledMessage;
import io.mailroom.store.mailbox.Mailbox;
import io.mailroom.store.persistence.ContentRows;
import io.mailroom.store.persistence.MailboxRows;
import io.mailroom.store.persistence.MessageRows;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The one ingest path (APPEND, LMTP, gRPC Deliver, admin REST): parse once, blob to S3 first, then
 * rows in the caller's transaction.
 */
@ApplicationScoped
public class MessageIngest {

  /** A message whose blob is in S3 and whose structure is known: ready for rows. */
  public record Prepared(SpooledMessage spooled, Analysed analysed) {}

  private final BlobStore blobs;
  private final StoreLimits limits;
  private final ContentRows contents;
  private final MailboxRows mailboxes;
  private final MessageRows messages;

  MessageIngest(
      BlobStore blobs,
      StoreLimits limits,
      ContentRows contents,
      MailboxRows mailboxes,
      MessageRows messages) {
    this.blobs = blobs;
    this.limits = limits;
    this.contents = contents;
    this.mailboxes = mailboxes;
    this.messages = messages;
  }

  /** Parses (on a worker) and writes the blob. */
  public Uni<Prepared> prepare(SpooledMessage spooled) {
    return Uni.createFrom()
        .item(() -> MessageAnalysis.analyse(spooled, limits.maxHeaderText()))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .map(analysed -> new Prepared(spooled, trimmed(analysed)))
        .call(p -> blobs.put(spooled.sha256(), spooled.file(), spooled.size()));
  }

  /** The message's content row and its immutable email id. */
  public record Content(long id, String emailId) {}

  /**
   * Inserts the content row. It needs no mailbox lock, so callers that can take it first keep the
   * full-text indexing out of the time the mailbox is locked.
   */
  public Uni<Content> insertContent(Mutiny.Session session, Prepared prepared) {
    String emailId = "M" + UUID.randomUUID().toString().replace("-", "");
    return contents
        .insert(
            session,
            emailId,
            prepared.spooled().sha256(),
            prepared.analysed().parsed(),
            prepared.analysed().headerText(),
            prepared.spooled().endsWithCrlf())
        .map(id -> new Content(id, emailId));
  }

  /** Inserts content and the mailbox row; the mailbox must be locked by the caller. */
  public Uni<Appended> insert(
      Mutiny.Session session,
      Mailbox mailbox,
      Prepared prepared,
      Flags flags,
      OffsetDateTime date) {
    return insertContent(session, prepared)
        .chain(content -> insert(session, mailbox, content, flags, date));
  }

  /** Takes a UID and a MODSEQ and inserts the mailbox row; the mailbox must be locked. */
  public Uni<Appended> insert(
      Mutiny.Session session, Mailbox mailbox, Content content, Flags flags, OffsetDateTime date) {
    OffsetDateTime internalDate = date == null ? OffsetDateTime.now(ZoneOffset.UTC) : date;
    return mailboxes
        .allocate(session, mailbox.id(), 1)
        .call(
            a ->
                messages.insert(
                    session,
                    mailbox.id(),
                    a.firstUid(),
                    content.id(),
                    flags.toArray(),
                    a.modseq(),
                    internalDate,
                    internalDate.getOffset().getTotalSeconds() / 60))
        .map(a -> new Appended(mailbox, a.firstUid(), a.modseq(), content.emailId()));
  }

  private Analysed trimmed(Analysed analysed) {
    var p = analysed.parsed();
    String text = p.searchableText() == null ? "" : p.searchableText();
    if (text.length() <= limits.maxSearchableText()) {
      return analysed;
    }
    return new Analysed(
        new io.mailroom.mime.ParsedMessage(
            p.size(),
            p.envelope(),
            p.bodyStructure(),
            p.body(),
            p.parts(),
            p.sentDate(),
            p.subject(),
            p.from(),
            p.to(),
            p.cc(),
            p.bcc(),
            p.messageId(),
            text.substring(0, limits.maxSearchableText())),
        analysed.headerText());
  }
}
