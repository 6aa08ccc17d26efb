package io.mailroom.imap.server;

import io.mailroom.imap.response.ResponseWriter;
import io.mailroom.imap.wire.FrameDecoder;
import io.vertx.core.net.NetSocket;
import org.jboss.logging.Logger;

/** After STARTTLS answered OK: the TLS handshake, unless the client pipelined more in the clear. */
final class StartTlsUpgrade {
  private static final Logger LOG = Logger.getLogger(ImapConnection.class);

  private StartTlsUpgrade() {}

  static void begin(
      ImapConnection connection,
      NetSocket socket,
      FrameDecoder decoder,
      ImapSession session,
      ResponseWriter out) {
    if (decoder.hasBufferedInput()) {
      // Anything pipelined after STARTTLS was sent in the clear: it must not run (CVE-2011-0411).
      out.bye("Data after STARTTLS");
      connection.close();
      return;
    }
    // The handshake needs the socket reading; commands wait in the paused decoder meanwhile.
    socket.resume();
    socket
        .upgradeToSsl()
        .onComplete(
            result -> {
              if (result.succeeded()) {
                session.tlsStarted();
                connection.resumeInput();
              } else {
                LOG.warnf("STARTTLS from %s failed: %s", connection.address(), result.cause());
                connection.close();
              }
            });
  }
}
