package io.mailroom.imap.handler;

import io.mailroom.imap.command.Command;
import io.mailroom.imap.command.FetchItem;
import io.mailroom.imap.command.FetchItem.BodySection;
import io.mailroom.imap.command.FetchItem.Simple;
import io.mailroom.imap.response.FetchResponseWriter;
import io.mailroom.imap.session.SelectedMailbox;
import io.mailroom.imap.store.BodyParts;
import io.mailroom.store.client.message.FetchPart;
import io.mailroom.store.client.message.FetchSpec;
import io.mailroom.store.client.message.UidSet;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * FETCH and UID FETCH: one store call for the whole command; bodies are written to the client as
 * their chunks arrive.
 */
public final class FetchHandler implements CommandHandler<Command.Fetch> {
  @Override
  public Uni<Completion> handle(Command.Fetch command, CommandContext ctx) {
    var selected = SelectedCommand.selected(ctx);
    SelectedMailbox mailbox = selected.mailbox();
    List<Long> uids = SelectedCommand.uids(mailbox, command.set(), command.uid());
    if (uids.isEmpty()) {
      return Uni.createFrom().item(Completion.ok(command.name() + " completed"));
    }
    if (command.items().contains(Simple.MODSEQ) || command.changedSince().isPresent()) {
      ctx.enableCondstore(); // CONDSTORE-enabling (RFC 7162 3.1)
    }
    List<FetchItem> items = items(command, ctx.condstore(), mailbox.readOnly());
    var writer = new FetchResponseWriter(ctx.out(), items, command.uid());
    FetchSpec spec =
        spec(items, writer.sections(), mailbox.readOnly(), command.changedSince().orElse(0));
    boolean flagsAsked = items.contains(Simple.FLAGS);
    var skipping = new boolean[1];
    return ctx.store()
        .fetch(selected.account(), mailbox.ref(), UidSet.of(uids), spec)
        .onItem()
        .invoke(
            part -> {
              if (part instanceof FetchPart.Meta meta) {
                int seq = mailbox.sequence().seqOf(meta.uid());
                skipping[0] = seq == 0 || mailbox.isExpungePending(meta.uid());
                if (skipping[0]) {
                  writer.finishMessage();
                  return;
                }
                if (spec.modseq()) {
                  mailbox.modseqSeen(meta.uid(), meta.modseq());
                }
                List<String> shown = null;
                if (spec.flags()) {
                  boolean changed = !mailbox.flagsOf(meta.uid()).containsAll(meta.flags());
                  mailbox.flagsSeen(meta.uid(), meta.flags());
                  if (flagsAsked || changed) {
                    shown = mailbox.flagsOf(meta.uid());
                  }
                }
                writer.message(seq, meta, shown, absentParts(writer.sections(), meta));
              } else if (part instanceof FetchPart.Chunk chunk && !skipping[0]) {
                writer.chunk(chunk);
              }
            })
        .onItem()
        .ignoreAsUni()
        .map(
            done -> {
              writer.finishMessage();
              return Completion.ok(command.name() + " completed");
            })
        .onFailure()
        .recoverWithItem(
            e -> {
              writer.finishMessage();
              return StoreErrors.completion(e);
            });
  }

  /**
   * The items to answer: CHANGEDSINCE implies MODSEQ; under CONDSTORE, a FETCH that may set \Seen
   * also answers MODSEQ and UID.
   */
  static List<FetchItem> items(Command.Fetch command, boolean condstore, boolean readOnly) {
    var items = new ArrayList<>(command.items());
    boolean setsSeen =
        !readOnly && items.stream().anyMatch(i -> i instanceof BodySection s && !s.peek());
    if (condstore && setsSeen && !items.contains(Simple.UID)) {
      items.add(Simple.UID);
    }
    if ((command.changedSince().isPresent() || (condstore && setsSeen))
        && !items.contains(Simple.MODSEQ)) {
      items.add(Simple.MODSEQ);
    }
    return List.copyOf(items);
  }

  /** The sections naming a part the message does not have (answered NIL). */
  static BitSet absentParts(List<BodySection> sections, FetchPart.Meta meta) {
    var absent = new BitSet();
    BodyParts parts = null;
    for (int i = 0; i < sections.size(); i++) {
      String part = sections.get(i).section().part();
      if (part.isEmpty()) {
        continue;
      }
      if (parts == null) {
        parts = BodyParts.of(meta.bodyStructure());
      }
      if (!parts.exists(part)) {
        absent.set(i);
      }
    }
    return absent;
  }

  static FetchSpec spec(
      List<FetchItem> items, List<BodySection> sections, boolean readOnly, long changedSince) {
    boolean setSeen = !readOnly && sections.stream().anyMatch(s -> !s.peek());
    var requested = new ArrayList<FetchSpec.Section>();
    for (BodySection s : sections) {
      Optional<long[]> partial = s.partial().map(p -> new long[] {p.offset(), p.length()});
      requested.add(
          new FetchSpec.Section(
              s.section().part(),
              FetchSpec.Text.valueOf(s.section().text().name()),
              s.section().headerFields(),
              partial));
    }
    return new FetchSpec(
        items.contains(Simple.FLAGS) || setSeen,
        items.contains(Simple.INTERNALDATE),
        items.contains(Simple.RFC822_SIZE),
        items.contains(Simple.ENVELOPE),
        // The structure also tells which parts exist: the store sends a missing one empty.
        items.contains(Simple.BODYSTRUCTURE)
            || items.contains(Simple.BODY)
            || sections.stream().anyMatch(s -> !s.section().part().isEmpty()),
        items.contains(Simple.MODSEQ),
        requested,
        setSeen,
        changedSince);
  }
}
