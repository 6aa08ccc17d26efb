package io.mailroom.mime;

import io.mailroom.mime.StructuredValue.Parameter;
import java.util.List;

/**
 * Renders BODY and BODYSTRUCTURE per RFC 3501 7.4.2, the way Dovecot does: type, subtype and
 * parameter names as the message has them, {@code ("charset" "us-ascii")} added to text parts
 * without a charset, {@code "7bit"} when there is no transfer encoding, a line count for text/* and
 * message/rfc822, and a multipart without parts shown as one empty text/plain part.
 */
final class BodyStructureWriter {
  private static final String DEFAULT_CHARSET = "\"charset\" \"us-ascii\"";
  private static final String EMPTY_PART =
      "(\"text\" \"plain\" (" + DEFAULT_CHARSET + ") NIL NIL \"7bit\" 0 0)";

  private BodyStructureWriter() {}

  /** The parenthesised structure; {@code extended} gives BODYSTRUCTURE, otherwise BODY. */
  static String write(Entity root, boolean extended) {
    StringBuilder out = new StringBuilder(256);
    write(root, extended, out);
    return out.toString();
  }

  private static void write(Entity e, boolean extended, StringBuilder out) {
    out.append('(');
    if (e.kind == Entity.Kind.MULTIPART) {
      multipart(e, extended, out);
    } else {
      single(e, extended, out);
    }
    out.append(')');
  }

  private static void multipart(Entity e, boolean extended, StringBuilder out) {
    if (e.children.isEmpty()) {
      out.append(EMPTY_PART);
    }
    for (Entity child : e.children) {
      write(child, extended, out);
    }
    ContentHeaders c = e.content;
    out.append(' ');
    ImapStrings.appendNString(out, c.subtype());
    if (!extended) {
      return;
    }
    out.append(' ');
    parameters(c.parameters(), false, out);
    trailer(c, out);
  }

  private static void single(Entity e, boolean extended, StringBuilder out) {
    ContentHeaders c = e.content;
    boolean text = c.isText();
    if (e.kind == Entity.Kind.MESSAGE) {
      out.append("\"message\" \"rfc822\"");
    } else if (c.type() == null) {
      out.append("\"text\" \"plain\"");
    } else {
      ImapStrings.appendNString(out, c.type());
      out.append(' ');
      ImapStrings.appendNString(out, c.subtype());
    }
    out.append(' ');
    parameters(c.parameters(), text, out);
    out.append(' ');
    ImapStrings.appendNString(out, c.id());
    out.append(' ');
    ImapStrings.appendNString(out, c.description());
    out.append(' ');
    ImapStrings.appendNString(out, c.encoding() == null ? "7bit" : c.encoding());
    out.append(' ').append(e.bodyEnd - e.bodyStart);
    if (e.kind == Entity.Kind.MESSAGE) {
      out.append(' ').append(e.message.envelope.render()).append(' ');
      write(e.message, extended, out);
      out.append(' ').append(e.lines);
    } else if (text) {
      out.append(' ').append(e.lines);
    }
    if (!extended) {
      return;
    }
    out.append(' ');
    ImapStrings.appendNString(out, c.md5());
    trailer(c, out);
  }

  /** Disposition, language and location: the extension data both forms end with. */
  private static void trailer(ContentHeaders c, StringBuilder out) {
    out.append(' ');
    if (c.disposition() == null) {
      out.append("NIL");
    } else {
      out.append('(');
      ImapStrings.appendNString(out, c.disposition());
      out.append(' ');
      parameters(c.dispositionParameters(), false, out);
      out.append(')');
    }
    out.append(' ');
    if (c.languages() == null) {
      out.append("NIL");
    } else {
      out.append('(');
      for (int i = 0; i < c.languages().size(); i++) {
        if (i > 0) {
          out.append(' ');
        }
        ImapStrings.appendNString(out, c.languages().get(i));
      }
      out.append(')');
    }
    out.append(' ');
    ImapStrings.appendNString(out, c.location());
  }

  private static void parameters(List<Parameter> parameters, boolean text, StringBuilder out) {
    boolean charset = false;
    if (parameters == null || parameters.isEmpty()) {
      out.append(text ? "(" + DEFAULT_CHARSET + ")" : "NIL");
      return;
    }
    out.append('(');
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      if (i > 0) {
        out.append(' ');
      }
      charset |= p.name().equalsIgnoreCase("charset");
      ImapStrings.appendNString(out, p.name());
      out.append(' ');
      ImapStrings.appendNString(out, p.value());
    }
    if (text && !charset) {
      out.append(' ').append(DEFAULT_CHARSET);
    }
    out.append(')');
  }
}
