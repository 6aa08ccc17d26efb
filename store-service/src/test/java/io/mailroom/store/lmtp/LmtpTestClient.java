package io.mailroom.store.lmtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw LMTP client over a real socket that records the session as a transcript: "C: " for what it
 * sent, "S: " for every reply line.
 */
final class LmtpTestClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  final List<String> transcript = new ArrayList<>();

  LmtpTestClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Sends text as is (the caller writes the line endings). */
  void send(String text) throws IOException {
    for (String line : text.split("(?<=\n)")) {
      transcript.add("C: " + line.replace("\r", "").replace("\n", ""));
    }
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Sends a large text without putting it in the transcript. */
  void sendQuietly(String text) throws IOException {
    transcript.add("C: (" + text.length() + " octets)");
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Reads one reply (all its lines) and returns its lines without CRLF. */
  List<String> reply() throws IOException {
    var lines = new ArrayList<String>();
    String line;
    do {
      line = readLine();
      if (line == null) {
        throw new IOException("connection closed; reply so far: " + lines);
      }
      lines.add(line);
      transcript.add("S: " + line);
    } while (line.length() > 3 && line.charAt(3) == '-');
    return lines;
  }

  /** The last line of the next reply, e.g. "250 2.1.5 <alice@example.org> recipient ok". */
  String replyLine() throws IOException {
    List<String> lines = reply();
    return lines.get(lines.size() - 1);
  }

  /** True once the server has closed the connection (reads EOF). */
  boolean closedByServer() throws IOException {
    return in.read() == -1;
  }

  void abort() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  private String readLine() throws IOException {
    var line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.UTF_8);
        if (!text.endsWith("\r")) {
          throw new IOException("reply line without CRLF: " + text);
        }
        return text.substring(0, text.length() - 1);
      }
      line.write(b);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
