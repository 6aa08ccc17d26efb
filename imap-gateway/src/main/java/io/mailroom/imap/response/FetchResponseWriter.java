package io.mailroom.imap.response;

import io.mailroom.imap.command.FetchItem;
import io.mailroom.imap.command.FetchItem.BodySection;
import io.mailroom.imap.command.FetchItem.Simple;
import io.mailroom.imap.command.ImapDates;
import io.mailroom.store.client.message.FetchPart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Writes "* n FETCH (...)" responses while the store streams metadata and section bytes, so a large
 * body goes out as it arrives instead of being held whole.
 */
public final class FetchResponseWriter {
  private final ResponseWriter out;
  private final List<FetchItem> items;
  private final List<BodySection> sections = new ArrayList<>();
  private final boolean withUid;
  private boolean open;
  private long currentUid = -1;
  private final BitSet sectionsStarted = new BitSet();

  /** Sections of the open message whose part does not exist: NIL, whatever the store sends. */
  private BitSet absent = new BitSet();

  /** No item written yet in the open message (so the next one needs no leading space). */
  private boolean first;

  public FetchResponseWriter(ResponseWriter out, List<FetchItem> items, boolean withUid) {
    this.out = out;
    this.items = items;
    this.withUid = withUid || items.contains(Simple.UID);
    for (FetchItem item : items) {
      if (item instanceof BodySection s) {
        sections.add(s);
      }
    }
  }

  /** The sections in the order the store was asked for them (its section_index). */
  public List<BodySection> sections() {
    return sections;
  }

  /**
   * Starts a message's response with its non-section items.
   *
   * @param flags the flags to show (with \Recent), or null to leave FLAGS out
   * @param absent indexes of sections (as in {@link #sections()}) naming a part the message does
   *     not have
   */
  public void message(long seq, FetchPart.Meta meta, List<String> flags, BitSet absent) {
    finishMessage();
    open = true;
    currentUid = meta.uid();
    sectionsStarted.clear();
    this.absent = absent;
    var line = ResponseLine.untagged().sp().number(seq).sp().atom("FETCH").sp().open();
    boolean first = true;
    if (withUid) {
      line.atom("UID").sp().number(meta.uid());
      first = false;
    }
    if (flags != null) {
      if (!first) {
        line.sp();
      }
      line.atom("FLAGS").sp().atomList(flags);
      first = false;
    }
    for (FetchItem item : items) {
      if (!(item instanceof Simple simple) || simple == Simple.UID || simple == Simple.FLAGS) {
        continue;
      }
      if (!first) {
        line.sp();
      }
      first = false;
      switch (simple) {
        case INTERNALDATE ->
            line.atom("INTERNALDATE")
                .sp()
                .string(
                    ImapDates.formatDateTime(
                        meta.internalDateMs(), meta.internalDateOffsetMinutes()));
        case RFC822_SIZE -> line.atom("RFC822.SIZE").sp().number(meta.size());
        case ENVELOPE -> line.atom("ENVELOPE").sp().syntax(orNil(meta.envelope()));
        case BODYSTRUCTURE -> line.atom("BODYSTRUCTURE").sp().syntax(orNil(meta.bodyStructure()));
        case BODY -> line.atom("BODY").sp().syntax(orNil(meta.body()));
        case MODSEQ -> line.atom("MODSEQ").sp().open().number(meta.modseq()).close();
        default -> {}
      }
    }
    out.raw(line.partial());
    this.first = first;
  }

  /** Section bytes, in order; the first chunk of a section carries its total length. */
  public void chunk(FetchPart.Chunk chunk) {
    if (!open
        || chunk.uid() != currentUid
        || chunk.sectionIndex() >= sections.size()
        || absent.get(chunk.sectionIndex())) {
      return;
    }
    if (!sectionsStarted.get(chunk.sectionIndex())) {
      nilsBefore(chunk.sectionIndex());
      sectionsStarted.set(chunk.sectionIndex());
      String name = name(sections.get(chunk.sectionIndex()), chunk.origin());
      out.literalStart(first ? name : " " + name, chunk.totalLength());
      first = false;
    }
    if (chunk.data().length > 0) {
      out.raw(chunk.data());
    }
  }

  /** Ends the open message's response; sections the store did not send are NIL. */
  public void finishMessage() {
    if (!open) {
      return;
    }
    var tail = nils(sections.size(), false);
    tail.append(")\r\n");
    out.raw(tail.toString().getBytes(StandardCharsets.US_ASCII));
    open = false;
  }

  /** Absent parts requested before section {@code index} are answered in the order asked. */
  private void nilsBefore(int index) {
    var nils = nils(index, true);
    if (nils.length() > 0) {
      out.raw(nils.toString().getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** " BODY[n] NIL" for the sections before {@code end} not written yet (only absent ones). */
  private StringBuilder nils(int end, boolean onlyAbsent) {
    var nils = new StringBuilder();
    for (int i = 0; i < end; i++) {
      if (!sectionsStarted.get(i) && (!onlyAbsent || absent.get(i))) {
        sectionsStarted.set(i);
        nils.append(first ? "" : " ").append(name(sections.get(i), 0)).append(" NIL");
        first = false;
      }
    }
    return nils;
  }

  private static String orNil(String syntax) {
    return syntax == null || syntax.isEmpty() ? "NIL" : syntax;
  }

  /** "BODY[1.HEADER.FIELDS (From To)]<0>" or "RFC822.TEXT". */
  static String name(BodySection item, long origin) {
    if (item.rfc822Name().isPresent()) {
      return item.rfc822Name().get();
    }
    var section = item.section();
    var line = ResponseLine.fragment();
    line.atom("BODY[");
    line.atom(section.part());
    String text =
        switch (section.text()) {
          case ALL -> "";
          case HEADER -> "HEADER";
          case HEADER_FIELDS -> "HEADER.FIELDS";
          case HEADER_FIELDS_NOT -> "HEADER.FIELDS.NOT";
          case TEXT -> "TEXT";
          case MIME -> "MIME";
        };
    if (!text.isEmpty()) {
      line.atom(section.part().isEmpty() ? text : "." + text);
    }
    if (!section.headerFields().isEmpty()) {
      line.sp().open();
      for (int i = 0; i < section.headerFields().size(); i++) {
        if (i > 0) {
          line.sp();
        }
        String field = section.headerFields().get(i);
        if (field.matches("[A-Za-z0-9_.-]+")) {
          line.atom(field);
        } else {
          line.string(field);
        }
      }
      line.close();
    }
    line.atom("]");
    if (item.partial().isPresent()) {
      line.atom("<" + origin + ">");
    }
    return new String(line.partial(), StandardCharsets.UTF_8);
  }
}
