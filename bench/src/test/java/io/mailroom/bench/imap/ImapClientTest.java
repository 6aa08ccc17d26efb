package io.mailroom.bench.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroom.bench.SessionFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImapClientTest {

  private Vertx vertx;
  private NetClient netClient;
  private int port;
  private volatile boolean literalPlus;

  /** What the fake server received: command lines, and "LITERAL:<bytes>" for each literal. */
  private final List<String> received = new CopyOnWriteArrayList<>();

  /** Set when literal bytes arrived before the server's "+" allowed them. */
  private volatile boolean literalTooEarly;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    NetServer server =
        get(vertx.createNetServer().connectHandler(this::serve).listen(0, "127.0.0.1"));
    port = server.actualPort();
    netClient = vertx.createNetClient();
  }

  @AfterEach
  void stop() throws Exception {
    get(vertx.close());
  }

  /**
   * A scripted server: LOGIN and NOOP answer OK, APPEND takes its literal (a "+" 100 ms later for a
   * synchronizing one), FETCH answers with a literal, IDLE pushes an EXISTS, SILENT never answers,
   * DROP closes the connection.
   */
  private void serve(NetSocket socket) {
    socket.write(
        "* OK [CAPABILITY IMAP4rev1 IDLE" + (literalPlus ? " LITERAL+" : "") + "] fake\r\n");
    RecordParser parser = RecordParser.newDelimited("\r\n");
    String[] appendTag = {null};
    boolean[] waitingForPlus = {false};
    int[] uid = {0};
    parser.handler(
        buffer -> {
          if (appendTag[0] != null) {
            received.add("LITERAL:" + buffer.toString(StandardCharsets.UTF_8));
            if (waitingForPlus[0]) {
              literalTooEarly = true;
            }
            parser.delimitedMode("\r\n");
            socket.write(
                "* "
                    + (++uid[0])
                    + " EXISTS\r\n"
                    + appendTag[0]
                    + " OK [APPENDUID 1 "
                    + uid[0]
                    + "] done\r\n");
            appendTag[0] = null;
            return;
          }
          String line = buffer.toString(StandardCharsets.UTF_8);
          if (line.isEmpty()) {
            return; // the CRLF after a literal
          }
          received.add(line);
          String[] words = line.split(" ");
          String tag = words[0];
          String command = words.length > 1 ? words[1] : "";
          if (command.equals("UID") && words.length > 2) {
            command = words[2];
          }
          switch (command) {
            case "APPEND" -> {
              String size = words[words.length - 1];
              boolean plus = size.endsWith("+}");
              int n = Integer.parseInt(size.substring(1, size.length() - (plus ? 2 : 1)));
              appendTag[0] = tag;
              parser.fixedSizeMode(n);
              if (!plus) {
                waitingForPlus[0] = true;
                vertx.setTimer(
                    100,
                    id -> {
                      waitingForPlus[0] = false;
                      socket.write("+ go ahead\r\n");
                    });
              }
            }
            case "FETCH" ->
                socket.write("* 1 FETCH (UID 9 BODY[] {5}\r\nhello)\r\n" + tag + " OK\r\n");
            case "IDLE" -> {
              socket.write("+ idling\r\n");
              vertx.setTimer(50, id -> socket.write("* 4 EXISTS\r\n"));
            }
            case "SILENT" -> {}
            case "DROP" -> socket.close();
            case "LOGOUT" -> {
              socket.write("* BYE bye\r\n" + tag + " OK\r\n");
              socket.close();
            }
            default -> {
              if (tag.equals("DONE")) {
                socket.write(lastIdleTag(received) + " OK idle done\r\n");
              } else {
                socket.write(tag + " OK " + command + " done\r\n");
              }
            }
          }
        });
    socket.handler(parser);
  }

  private static String lastIdleTag(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).endsWith(" IDLE")) {
        return lines.get(i).split(" ")[0];
      }
    }
    return "*";
  }

  private ImapClient connect(Duration timeout) throws Exception {
    return get(ImapClient.connect(vertx, netClient, "127.0.0.1", port, timeout));
  }

  @Test
  void learnsCapabilitiesFromTheGreetingAndLogsIn() throws Exception {
    ImapClient imap = connect(Duration.ofSeconds(5));
    assertThat(imap.hasCapability("IDLE")).isTrue();
    assertThat(imap.hasCapability("LITERAL+")).isFalse();
    ImapReply login = get(imap.login("bench01", "pa\"ss"));
    assertThat(login.ok()).isTrue();
    assertThat(received).contains("a1 LOGIN \"bench01\" \"pa\\\"ss\"");
  }

  @Test
  void synchronizingLiteralWaitsForThePlusAndHoldsLaterCommands() throws Exception {
    ImapClient imap = connect(Duration.ofSeconds(5));
    Future<ImapReply> append = imap.append("bench", "(\\Seen)", Buffer.buffer("Subject: a\r\n"));
    Future<ImapReply> noop = imap.command("NOOP");
    ImapReply appended = get(append);
    assertThat(get(noop).ok()).isTrue();
    assertThat(literalTooEarly).isFalse();
    assertThat(appended.code()).isEqualTo("APPENDUID 1 1");
    assertThat(appended.exists()).isEqualTo(1);
    assertThat(received)
        .containsExactly("a1 APPEND \"bench\" (\\Seen) {12}", "LITERAL:Subject: a\r\n", "a2 NOOP");
  }

  @Test
  void literalPlusSendsAtOnceAndPipelines() throws Exception {
    literalPlus = true;
    ImapClient imap = connect(Duration.ofSeconds(5));
    Future<ImapReply> first = imap.append("bench", "", Buffer.buffer("one"));
    Future<ImapReply> second = imap.append("bench", "", Buffer.buffer("two"));
    assertThat(SteadySession.appendUid(get(first).code())).isEqualTo(1);
    assertThat(SteadySession.appendUid(get(second).code())).isEqualTo(2);
    assertThat(received)
        .containsExactly(
            "a1 APPEND \"bench\" {3+}", "LITERAL:one", "a2 APPEND \"bench\" {3+}", "LITERAL:two");
  }

  @Test
  void fetchLiteralsArriveWithTheirResponse() throws Exception {
    ImapClient imap = connect(Duration.ofSeconds(5));
    ImapReply reply = get(imap.command("UID FETCH 9 (BODY.PEEK[])"));
    ImapValues.Fetch fetch = ImapValues.fetch(reply.untagged().get(0));
    assertThat(fetch.uid()).isEqualTo(9);
    assertThat(((Buffer) fetch.item("BODY[]")).toString()).isEqualTo("hello");
  }

  @Test
  void idleHandsUntaggedResponsesToTheListenerUntilDone() throws Exception {
    ImapClient imap = connect(Duration.ofSeconds(5));
    List<ImapResponse> heard = new CopyOnWriteArrayList<>();
    get(imap.idle(heard::add));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (heard.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(heard).extracting(r -> r.numbered("EXISTS")).containsExactly(4L);
    assertThat(get(imap.done()).ok()).isTrue();
    assertThat(received).containsExactly("a1 IDLE", "DONE");
  }

  @Test
  void aCommandWithoutReplyTimesOutAndEndsTheSession() throws Exception {
    ImapClient imap = connect(Duration.ofMillis(200));
    assertThatThrownBy(() -> get(imap.command("SILENT")))
        .hasCauseInstanceOf(SessionFailure.class)
        .cause()
        .satisfies(
            e -> assertThat(((SessionFailure) e).kind()).isEqualTo(SessionFailure.Kind.TIMEOUT));
  }

  @Test
  void aDroppedConnectionFailsWhatIsInFlightAndWhatComesAfter() throws Exception {
    ImapClient imap = connect(Duration.ofSeconds(5));
    Future<ImapReply> dropped = imap.command("DROP");
    assertThatThrownBy(() -> get(dropped))
        .cause()
        .satisfies(
            e -> assertThat(((SessionFailure) e).kind()).isEqualTo(SessionFailure.Kind.DISCONNECT));
    assertThatThrownBy(() -> get(imap.command("NOOP"))).hasCauseInstanceOf(SessionFailure.class);
  }

  @Test
  void logoutSeesByeAndCloses() throws Exception {
    ImapClient imap = connect(Duration.ofSeconds(5));
    ImapReply bye = get(imap.logout());
    assertThat(bye.untagged()).anyMatch(r -> r.isData("BYE"));
    assertThat(imap.isClosed()).isTrue();
  }

  @Test
  void quoteRefusesLineBreaks() {
    assertThat(ImapClient.quote("a\\b")).isEqualTo("\"a\\\\b\"");
    assertThatThrownBy(() -> ImapClient.quote("a\r\nb"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static <T> T get(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e;
    }
  }
}
