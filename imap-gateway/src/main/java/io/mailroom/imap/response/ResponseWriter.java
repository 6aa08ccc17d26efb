package io.mailroom.imap.response;

import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/** The session's only way to put bytes on the wire. */
public final class ResponseWriter {
  private final ResponseOutput output;
  private final LongConsumer bytesSent;

  public ResponseWriter(ResponseOutput output, LongConsumer bytesSent) {
    this.output = output;
    this.bytesSent = bytesSent;
  }

  public void send(ResponseLine line) {
    raw(line.bytes());
  }

  /** Bytes already encoded by this package (FETCH literal data). */
  void raw(byte[] bytes) {
    output.write(bytes);
    bytesSent.accept(bytes.length);
  }

  public void untagged(String text) {
    send(ResponseLine.untagged().sp().text(text));
  }

  /** "* OK [code] text" etc. */
  public void untaggedStatus(String status, String code, String text) {
    send(ResponseLine.untagged().sp().atom(status).sp().code(code).text(text));
  }

  public void tagged(String tag, Status status, String code, String text) {
    send(ResponseLine.tagged(tag).sp().atom(status.name()).sp().code(code).text(text));
  }

  public void continuation(String text) {
    send(ResponseLine.continuation().sp().text(text));
  }

  public void bye(String text) {
    send(ResponseLine.untagged().sp().atom("BYE").sp().text(text));
  }

  /** The start of a streamed literal value inside a FETCH: " NAME {n}\r\n". */
  void literalStart(String prefix, long length) {
    raw((prefix + " {" + length + "}\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  public enum Status {
    OK,
    NO,
    BAD
  }
}
