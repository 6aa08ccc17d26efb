package io.mailroom.bench.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.bench.SessionFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Pop3ClientTest {

  /** The message as stored: its second body line starts with a dot. */
  private static final String MESSAGE = "Subject: bench 1\r\n\r\n.leading dot\r\n.\r\nend\r\n";

  private Vertx vertx;
  private NetServer server;
  private NetClient netClient;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = await(vertx.createNetServer().connectHandler(this::serve).listen(0, "127.0.0.1"));
    netClient = vertx.createNetClient();
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  /** A scripted maildrop of one message, sent in small writes so lines arrive split. */
  private void serve(NetSocket socket) {
    socket.write("+OK fake POP3\r\n");
    socket.handler(
        RecordParser.newDelimited(
            "\r\n",
            line -> {
              String text = line.toString(StandardCharsets.US_ASCII);
              switch (text) {
                case "USER alice" -> socket.write("+OK\r\n");
                case "USER bob" -> socket.write("-ERR [AUTH] no\r\n");
                case "PASS secret" -> socket.write("+OK logged in\r\n");
                case "STAT" -> socket.write("+OK 1 " + MESSAGE.length() + "\r\n");
                case "UIDL" -> socket.write("+OK\r\n1 uid-1\r\n.\r\n");
                case "RETR 1" -> {
                  String stuffed =
                      "+OK "
                          + MESSAGE.length()
                          + " octets\r\n"
                          + MESSAGE.replace("\r\n.", "\r\n..")
                          + ".\r\n";
                  for (int i = 0; i < stuffed.length(); i += 7) {
                    socket.write(stuffed.substring(i, Math.min(stuffed.length(), i + 7)));
                  }
                }
                case "RETR 2" -> socket.write("-ERR no such message\r\n");
                case "QUIT" -> socket.write("+OK bye\r\n").onComplete(v -> socket.close());
                default -> {
                  // silence: lets the timeout fire
                }
              }
            }));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Pop3Client connect(Duration timeout) throws Exception {
    return await(Pop3Client.connect(vertx, netClient, "127.0.0.1", server.actualPort(), timeout));
  }

  @Test
  void retrievesAMessageWithTheDotStuffingUndone() throws Exception {
    Pop3Client client = connect(Duration.ofSeconds(5));
    assertThat(await(client.login("alice", "secret")).ok()).isTrue();
    assertThat(await(client.stat()).number(0)).isEqualTo(1);

    Pop3Reply uidl = await(client.uidl());
    assertThat(Pop3Client.listing(uidl)).containsExactly(new Pop3Client.Listing(1, "uid-1"));

    Pop3Reply retr = await(client.retr(1));
    assertThat(retr.ok()).isTrue();
    assertThat(retr.number(0)).isEqualTo(MESSAGE.length());
    assertThat(retr.body().toString(StandardCharsets.US_ASCII)).isEqualTo(MESSAGE);

    Pop3Reply missing = await(client.retr(2));
    assertThat(missing.ok()).isFalse();
    assertThat(missing.body()).isNull();
    assertThat(await(client.quit()).ok()).isTrue();
  }

  @Test
  void aRefusedUserIsAReplyNotAFailure() throws Exception {
    Pop3Client client = connect(Duration.ofSeconds(5));
    Pop3Reply reply = await(client.login("bob", "secret"));
    assertThat(reply.ok()).isFalse();
    assertThat(reply.text()).isEqualTo("[AUTH] no");
  }

  @Test
  void aSilentServerTimesOut() throws Exception {
    Pop3Client client = connect(Duration.ofMillis(200));
    Throwable failure =
        await(client.command("STALL", false).transform(ar -> Future.succeededFuture(ar.cause())));
    assertThat(((SessionFailure) failure).kind()).isEqualTo(SessionFailure.Kind.TIMEOUT);
  }
}
