package io.mailroom.mime;

import io.mailroom.mime.StructuredValue.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Content-* fields of one MIME entity, as BODYSTRUCTURE reports them: type, subtype and
 * parameter names keep the case the message has (as Dovecot does); absent fields are null.
 *
 * @param type media type, null when Content-Type is missing or unreadable (then text/plain)
 * @param subtype media subtype, null when missing
 * @param parameters Content-Type parameters in message order
 * @param encoding the Content-Transfer-Encoding token, null when missing or not a token
 */
record ContentHeaders(
    String type,
    String subtype,
    List<Parameter> parameters,
    String id,
    String description,
    String encoding,
    String md5,
    String disposition,
    List<Parameter> dispositionParameters,
    List<String> languages,
    String location) {

  static final ContentHeaders DEFAULT =
      new ContentHeaders(null, null, List.of(), null, null, null, null, null, null, null, null);

  static ContentHeaders from(List<HeaderField> fields, boolean digestChild) {
    String type = null;
    String subtype = null;
    List<Parameter> parameters = List.of();
    String typeValue = HeaderField.first(fields, "Content-Type");
    if (typeValue != null) {
      StructuredValue v = new StructuredValue(typeValue);
      String t = v.token();
      if (!t.isEmpty() && v.consume('/')) {
        String st = v.token();
        if (!st.isEmpty()) {
          type = t;
          subtype = st;
          parameters = v.parameters();
        }
      }
    }
    if (type == null && digestChild) {
      // RFC 2046 5.1.5: in a multipart/digest the default is message/rfc822.
      type = "message";
      subtype = "rfc822";
    }
    String encoding = null;
    String encodingValue = HeaderField.first(fields, "Content-Transfer-Encoding");
    if (encodingValue != null) {
      String token = new StructuredValue(encodingValue).token();
      encoding = token.isEmpty() ? null : token;
    }
    String disposition = null;
    List<Parameter> dispositionParameters = null;
    String dispositionValue = HeaderField.first(fields, "Content-Disposition");
    if (dispositionValue != null) {
      StructuredValue v = new StructuredValue(dispositionValue);
      String token = v.token();
      if (!token.isEmpty()) {
        disposition = token;
        dispositionParameters = v.parameters();
      }
    }
    return new ContentHeaders(
        type,
        subtype,
        parameters,
        HeaderField.first(fields, "Content-ID"),
        HeaderField.first(fields, "Content-Description"),
        encoding,
        HeaderField.first(fields, "Content-MD5"),
        disposition,
        dispositionParameters,
        languages(HeaderField.first(fields, "Content-Language")),
        HeaderField.first(fields, "Content-Location"));
  }

  private static List<String> languages(String value) {
    if (value == null) {
      return null;
    }
    List<String> tags = new ArrayList<>();
    StructuredValue v = new StructuredValue(value);
    while (tags.size() < 32) {
      String tag = v.token();
      if (tag.isEmpty()) {
        break;
      }
      tags.add(tag);
      if (!v.consume(',')) {
        break;
      }
    }
    return tags.isEmpty() ? null : List.copyOf(tags);
  }

  /** Text when the type says so or when there is no usable Content-Type at all. */
  boolean isText() {
    return type == null || type.equalsIgnoreCase("text");
  }

  boolean isMultipart() {
    return type != null && type.equalsIgnoreCase("multipart");
  }

  boolean isMessageRfc822() {
    return type != null && type.equalsIgnoreCase("message") && subtype.equalsIgnoreCase("rfc822");
  }

  boolean isHtml() {
    return isText() && subtype != null && subtype.equalsIgnoreCase("html");
  }

  String parameter(String name) {
    for (Parameter p : parameters) {
      if (p.name().equalsIgnoreCase(name)) {
        return p.value();
      }
    }
    return null;
  }

  /** The transfer encoding, lower case; 7bit when absent. */
  String transferEncoding() {
    return encoding == null ? "7bit" : encoding.toLowerCase(Locale.ROOT);
  }

  /** Whether the body is the octets themselves (so a message/rfc822 body can be parsed). */
  boolean isIdentityEncoding() {
    String e = transferEncoding();
    return e.equals("7bit") || e.equals("8bit") || e.equals("binary");
  }

  /** The same fields with another type: how unparseable multiparts and messages degrade. */
  ContentHeaders retyped(String newType, String newSubtype, boolean keepParameters) {
    return new ContentHeaders(
        newType,
        newSubtype,
        keepParameters ? parameters : List.of(),
        id,
        description,
        encoding,
        md5,
        disposition,
        dispositionParameters,
        languages,
        location);
  }
}
