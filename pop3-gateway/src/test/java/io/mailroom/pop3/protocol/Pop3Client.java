package io.mailroom.pop3.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A bare POP3 client for tests: lines in, lines out, nothing interpreted. */
public final class Pop3Client implements AutoCloseable {
  public static final int PORT = 11110;
  public static final int TLS_PORT = 11995;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  private Pop3Client(Socket socket) throws IOException {
    use(socket);
  }

  public static Pop3Client connect() throws IOException {
    return open(new Socket());
  }

  /**
   * Connects from another loopback address (Linux routes all of 127.0.0.0/8 locally), so the server
   * sees a client address of its own: its own connection count and login-failure history.
   */
  public static Pop3Client connectFrom(String localAddress) throws IOException {
    var socket = new Socket();
    socket.bind(new InetSocketAddress(localAddress, 0));
    return open(socket);
  }

  /**
   * A client with a small receive buffer (set before connecting, so the TCP window stays small):
   * the server's writes back up after a few kilobytes until this client reads.
   */
  public static Pop3Client connectSlowReader(String localAddress) throws IOException {
    var socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.bind(new InetSocketAddress(localAddress, 0));
    return open(socket);
  }

  /** Connected, greeted and logged in. */
  public static Pop3Client loggedIn(String user, String password) throws IOException {
    var client = connect();
    client.readLine();
    client.login(user, password);
    return client;
  }

  private static Pop3Client open(Socket socket) throws IOException {
    socket.connect(new InetSocketAddress("127.0.0.1", PORT), 5000);
    socket.setSoTimeout(15_000);
    return new Pop3Client(socket);
  }

  public static Pop3Client connectTls() throws IOException {
    var socket = (SSLSocket) trustAll().getSocketFactory().createSocket();
    socket.connect(new InetSocketAddress("127.0.0.1", TLS_PORT), 5000);
    socket.setSoTimeout(15_000);
    socket.startHandshake();
    return new Pop3Client(socket);
  }

  /** After "+OK" to STLS. */
  public void startTls() throws IOException {
    var tls =
        (SSLSocket) trustAll().getSocketFactory().createSocket(socket, "localhost", PORT, true);
    tls.startHandshake();
    use(tls);
  }

  public boolean isTls() {
    return socket instanceof SSLSocket;
  }

  public void send(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** One line without its CRLF, or null at the end of the stream. */
  public String readLine() throws IOException {
    var line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  /** The bytes of a multi-line response body, un-stuffed, up to the terminating ".". */
  public byte[] readMultiLineBody() throws IOException {
    var body = new ByteArrayOutputStream();
    String line;
    while ((line = readLine()) != null && !line.equals(".")) {
      String unstuffed = line.startsWith(".") ? line.substring(1) : line;
      body.writeBytes((unstuffed + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
    return body.toByteArray();
  }

  /** Lets the receive buffer grow again, so that a slow reader can catch up quickly. */
  public void readFaster() throws IOException {
    socket.setReceiveBufferSize(1 << 20);
  }

  /** Exactly {@code n} octets as they came over the wire. */
  public byte[] readBytes(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new java.io.EOFException("closed after " + bytes.length + " of " + n + " octets");
    }
    return bytes;
  }

  /** Whatever arrives until the server closes the connection (by FIN or by reset). */
  public byte[] readToEnd() throws IOException {
    var bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    try {
      int n;
      while ((n = in.read(buffer)) != -1) {
        bytes.write(buffer, 0, n);
      }
    } catch (java.net.SocketException reset) {
      // a cut connection may end in a reset rather than a FIN; either way it is over
    }
    return bytes.toByteArray();
  }

  /** The lines of a multi-line response up to the terminating "." (still stuffed). */
  public java.util.List<String> readMultiLine() throws IOException {
    var lines = new java.util.ArrayList<String>();
    String line;
    while ((line = readLine()) != null && !line.equals(".")) {
      lines.add(line);
    }
    return lines;
  }

  /** Sends a command and returns its status line. */
  public String command(String line) throws IOException {
    send(line);
    return readLine();
  }

  public void login(String user, String password) throws IOException {
    String greeting = command("USER " + user);
    if (!greeting.startsWith("+OK")) {
      throw new IllegalStateException("USER refused: " + greeting);
    }
    String reply = command("PASS " + password);
    if (!reply.startsWith("+OK")) {
      throw new IllegalStateException("PASS refused: " + reply);
    }
  }

  private void use(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new java.io.BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  static SSLContext trustAll() {
    try {
      var context = SSLContext.getInstance("TLS");
      context.init(
          null,
          new TrustManager[] {
            new X509TrustManager() {
              public void checkClientTrusted(X509Certificate[] chain, String authType) {}

              public void checkServerTrusted(X509Certificate[] chain, String authType) {}

              public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
              }
            }
          },
          null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
