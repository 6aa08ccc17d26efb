package io.mailroom.imap.fake;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough MIME for the fake store: raw parts, ENVELOPE and BODYSTRUCTURE strings. */
final class FakeMime {
  private FakeMime() {}

  record Part(byte[] header, byte[] body, List<Part> children, Map<String, String> fields) {
    String contentType() {
      String ct = fields.getOrDefault("content-type", "text/plain; charset=us-ascii");
      int semi = ct.indexOf(';');
      return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    Map<String, String> params() {
      var params = new LinkedHashMap<String, String>();
      String ct = fields.getOrDefault("content-type", "text/plain; charset=us-ascii");
      Matcher m = PARAM.matcher(ct);
      while (m.find()) {
        params.put(
            m.group(1).toUpperCase(Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
      }
      return params;
    }
  }

  private static final Pattern PARAM =
      Pattern.compile(";\\s*([A-Za-z0-9_-]+)\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))");

  static Part parse(byte[] bytes) {
    int split = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
    byte[] header;
    byte[] body;
    if (split < 0) {
      header = bytes;
      body = new byte[0];
    } else {
      header = Arrays.copyOfRange(bytes, 0, split + 4);
      body = Arrays.copyOfRange(bytes, split + 4, bytes.length);
    }
    var fields = fields(header);
    var part = new Part(header, body, new ArrayList<>(), fields);
    if (part.contentType().startsWith("multipart/") && part.params().containsKey("BOUNDARY")) {
      byte[] delimiter = ("--" + part.params().get("BOUNDARY")).getBytes(StandardCharsets.US_ASCII);
      int pos = indexOf(body, delimiter, 0);
      while (pos >= 0) {
        int start = indexOf(body, "\r\n".getBytes(), pos) + 2;
        if (start < 2 || startsWith(body, pos + delimiter.length, "--")) {
          break;
        }
        int next = indexOf(body, delimiter, start);
        if (next < 0) {
          break;
        }
        int end = next >= 2 ? next - 2 : next; // the CRLF before the delimiter belongs to it
        part.children().add(parse(Arrays.copyOfRange(body, start, Math.max(start, end))));
        pos = next;
      }
    }
    return part;
  }

  static Map<String, String> fields(byte[] header) {
    var fields = new LinkedHashMap<String, String>();
    String text =
        new String(header, StandardCharsets.ISO_8859_1)
            .replace("\r\n ", " ")
            .replace("\r\n\t", " ");
    for (String line : text.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.putIfAbsent(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    return fields;
  }

  /** The header lines whose names are (or with {@code not}, are not) in {@code names}. */
  static byte[] headerFields(byte[] header, List<String> names, boolean not) {
    var out = new ByteArrayOutputStream();
    String text = new String(header, StandardCharsets.ISO_8859_1);
    String current = null;
    boolean keep = false;
    for (String line : text.split("(?<=\r\n)")) {
      if (line.equals("\r\n")) {
        break;
      }
      if (!line.startsWith(" ") && !line.startsWith("\t")) {
        int colon = line.indexOf(':');
        current = colon > 0 ? line.substring(0, colon).trim() : "";
        String name = current;
        boolean listed = names.stream().anyMatch(n -> n.equalsIgnoreCase(name));
        keep = not != listed;
      }
      if (keep) {
        out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
      }
    }
    out.writeBytes("\r\n".getBytes());
    return out.toByteArray();
  }

  static Part child(Part root, String path) {
    Part part = root;
    boolean top = true;
    for (String n : path.split("\\.")) {
      int i = Integer.parseInt(n) - 1;
      if (part.children().isEmpty()) {
        if (i != 0 || !top) {
          return null;
        }
        top = false;
        continue; // part 1 of a single-part message is its body
      }
      top = false;
      if (i >= part.children().size()) {
        return null;
      }
      part = part.children().get(i);
    }
    return part;
  }

  static String envelope(Part message) {
    var f = message.fields();
    String from = addresses(f.get("from"));
    return "("
        + nstring(f.get("date"))
        + " "
        + nstring(f.get("subject"))
        + " "
        + from
        + " "
        + (f.containsKey("sender") ? addresses(f.get("sender")) : from)
        + " "
        + (f.containsKey("reply-to") ? addresses(f.get("reply-to")) : from)
        + " "
        + addresses(f.get("to"))
        + " "
        + addresses(f.get("cc"))
        + " "
        + addresses(f.get("bcc"))
        + " "
        + nstring(f.get("in-reply-to"))
        + " "
        + nstring(f.get("message-id"))
        + ")";
  }

  static String bodyStructure(Part part, boolean extended) {
    String type = part.contentType();
    int slash = type.indexOf('/');
    String major = slash < 0 ? type : type.substring(0, slash);
    String minor = slash < 0 ? "plain" : type.substring(slash + 1);
    if (major.equals("multipart") && !part.children().isEmpty()) {
      var sb = new StringBuilder("(");
      for (Part child : part.children()) {
        sb.append(bodyStructure(child, extended));
      }
      sb.append(' ').append(quote(minor.toUpperCase(Locale.ROOT)));
      if (extended) {
        sb.append(' ').append(params(part)).append(" NIL NIL NIL");
      }
      return sb.append(')').toString();
    }
    var f = part.fields();
    var sb =
        new StringBuilder("(")
            .append(quote(major.toUpperCase(Locale.ROOT)))
            .append(' ')
            .append(quote(minor.toUpperCase(Locale.ROOT)))
            .append(' ')
            .append(params(part))
            .append(' ')
            .append(nstring(f.get("content-id")))
            .append(' ')
            .append(nstring(f.get("content-description")))
            .append(' ')
            .append(
                quote(f.getOrDefault("content-transfer-encoding", "7BIT").toUpperCase(Locale.ROOT)))
            .append(' ')
            .append(part.body().length);
    if (major.equals("text")) {
      sb.append(' ').append(lines(part.body()));
    }
    if (extended) {
      sb.append(" NIL NIL NIL NIL");
    }
    return sb.append(')').toString();
  }

  private static String params(Part part) {
    var params = part.params();
    if (params.isEmpty()) {
      return "NIL";
    }
    var sb = new StringBuilder("(");
    params.forEach(
        (k, v) ->
            sb.append(sb.length() > 1 ? " " : "").append(quote(k)).append(' ').append(quote(v)));
    return sb.append(')').toString();
  }

  private static String addresses(String header) {
    if (header == null || header.isBlank()) {
      return "NIL";
    }
    try {
      var sb = new StringBuilder("(");
      for (InternetAddress a : InternetAddress.parseHeader(header, false)) {
        String address = a.getAddress();
        int at = address.lastIndexOf('@');
        sb.append('(')
            .append(nstring(a.getPersonal()))
            .append(" NIL ")
            .append(quote(at < 0 ? address : address.substring(0, at)))
            .append(' ')
            .append(at < 0 ? "NIL" : quote(address.substring(at + 1)))
            .append(')');
      }
      return sb.append(')').toString();
    } catch (AddressException e) {
      return "NIL";
    }
  }

  static int lines(byte[] body) {
    int n = 0;
    for (byte b : body) {
      if (b == '\n') {
        n++;
      }
    }
    return n;
  }

  private static String nstring(String s) {
    return s == null ? "NIL" : quote(s);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static boolean startsWith(byte[] bytes, int at, String s) {
    byte[] p = s.getBytes(StandardCharsets.US_ASCII);
    if (at + p.length > bytes.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (bytes[at + i] != p[i]) {
        return false;
      }
    }
    return true;
  }
}
