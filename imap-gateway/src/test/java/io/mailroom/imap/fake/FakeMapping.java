package io.mailroom.imap.fake;

import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.MailboxInfo;
import io.mailroom.store.api.v1.MessageMeta;
import io.mailroom.store.api.v1.MessageState;
import java.util.LinkedHashSet;
import java.util.List;

/** The fake store's mailboxes and messages as the Messages service's proto messages. */
final class FakeMapping {
  private FakeMapping() {}

  /** What SELECT reports of a mailbox; {@code firstRecent} is read before this session claims. */
  static MailboxInfo mailboxInfo(FakeStore.Mailbox box, long firstRecent, boolean readOnly) {
    var flags = new LinkedHashSet<String>();
    box.messages.values().forEach(m -> flags.addAll(m.flags));
    var firstUnseen =
        box.messages.values().stream().filter(m -> !m.flags.contains("\\Seen")).findFirst();
    return MailboxInfo.newBuilder()
        .setMailboxId(box.id)
        .setName(box.name)
        .setUidValidity((int) box.uidValidity)
        .setUidNext((int) box.uidNext)
        .setHighestModseq(box.highestModseq)
        .setMessages(box.messages.size())
        .setUnseen(
            (int) box.messages.values().stream().filter(m -> !m.flags.contains("\\Seen")).count())
        .setFirstUnseenUid(firstUnseen.map(m -> (int) m.uid).orElse(0))
        .addAllFlags(flags)
        .addAllPermanentFlags(
            List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "\\*"))
        .setFirstRecentUid(firstRecent < box.uidNext ? (int) firstRecent : (int) box.uidNext)
        .setReadOnly(readOnly)
        .build();
  }

  /** A message's metadata, with the envelope and body structure when the fetch asks for them. */
  static MessageMeta meta(FakeStore.Message m, FetchRequest request) {
    var meta =
        MessageMeta.newBuilder()
            .setUid((int) m.uid)
            .addAllFlags(m.flags)
            .setInternalDateEpochMs(m.internalDate)
            .setSize(m.bytes.length)
            .setModseq(m.modseq);
    if (request.getEnvelope()) {
      meta.setEnvelope(FakeMime.envelope(m.mime));
    }
    if (request.getBodyStructure()) {
      meta.setBodyStructure(FakeMime.bodyStructure(m.mime, true));
      meta.setBody(FakeMime.bodyStructure(m.mime, false));
    }
    return meta.build();
  }

  static MessageState state(FakeStore.Message m) {
    return MessageState.newBuilder()
        .setUid((int) m.uid)
        .addAllFlags(m.flags)
        .setModseq(m.modseq)
        .build();
  }
}
