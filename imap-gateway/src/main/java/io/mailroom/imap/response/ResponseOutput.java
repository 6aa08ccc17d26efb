package io.mailroom.imap.response;

/** Where response bytes go: the connection's socket. */
public interface ResponseOutput {
  void write(byte[] bytes);
}
