package io.mailroom.imap.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw line-level IMAP client for tests: what the wire really carries, nothing interpreted. */
public final class ImapClient implements AutoCloseable {
  public static final int PORT = 11143;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public ImapClient() throws IOException {
    this(new Socket("127.0.0.1", PORT));
  }

  public ImapClient(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(10_000);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  public void send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  public void sendLine(String line) throws IOException {
    send(line + "\r\n");
  }

  public void sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next line without its CRLF, or null at end of stream. */
  public String readLine() throws IOException {
    var line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        byte[] b = line.toByteArray();
        int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        return new String(b, 0, n, StandardCharsets.UTF_8);
      }
      line.write(c);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }

  /** Reads lines up to and including the one starting with {@code tag + " "}. */
  public String readUntilTagged(String tag) throws IOException {
    var all = new StringBuilder();
    String line;
    while ((line = readLine()) != null) {
      all.append(line).append('\n');
      if (line.startsWith(tag + " ")) {
        break;
      }
    }
    return all.toString();
  }

  public String command(String tag, String command) throws IOException {
    sendLine(tag + " " + command);
    return readUntilTagged(tag);
  }

  public boolean isClosedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (java.net.SocketException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
