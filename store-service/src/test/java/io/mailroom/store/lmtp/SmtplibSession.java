package io.mailroom.store.lmtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real LMTP client, Python's smtplib.LMTP, delivering to three recipients. */
interface SmtplibSession extends LmtpSessions {

  /**
   * smtplib's sendmail() reads one reply after DATA, as SMTP has; an LMTP client reads one per
   * accepted recipient, so the script calls data() and then getreply() for the rest.
   */
  String CLIENT =
      """
      import smtplib, sys
      client = smtplib.LMTP(sys.argv[1], int(sys.argv[2]), timeout=10)
      code, _ = client.ehlo("python.example")
      print("lhlo", code, " ".join(sorted(client.esmtp_features)), client.esmtp_features["size"])
      message = "Subject: from python\\n\\n.starts with a dot\\nplain line\\n"
      code, text = client.mail("sender@remote.example", ["SIZE=%d" % len(message)])
      print("mail", code, text.decode())
      accepted = []
      for rcpt in sys.argv[3:]:
          code, text = client.rcpt(rcpt)
          print("rcpt", code, text.decode())
          if code == 250:
              accepted.append(rcpt)
      code, text = client.data(message)
      print("data", code, text.decode())
      for _ in accepted[1:]:
          code, text = client.getreply()
          print("data", code, text.decode())
      print("quit", client.quit()[0])
      """;

  @Test
  default void smtplibLmtpDeliversToTwoRecipientsWithOneReplyEach() throws Exception {
    String alice = accounts().alice() + "@mail.example";
    String nobody = accounts().nobody() + "@mail.example";
    String bob = accounts().bob() + "@mail.example";
    int port = listen(new TestLmtpConfig(spool()), MAX_SIZE);

    List<String> output =
        runPython(CLIENT, "127.0.0.1", Integer.toString(port), alice, nobody, bob);

    var delivered = onlyDeliveryTo(accounts().alice());
    assertThat(output)
        .containsExactly(
            "lhlo 250 8bitmime enhancedstatuscodes pipelining size 10000",
            "mail 250 2.1.0 sender <sender@remote.example> ok",
            "rcpt 250 2.1.5 <" + alice + "> recipient ok",
            "rcpt 550 5.1.1 <" + nobody + "> no such user",
            "rcpt 250 2.1.5 <" + bob + "> recipient ok",
            "data 250 2.0.0 <" + delivered.emailId() + "> delivered",
            "data 552 5.2.2 <" + bob + "> Mailbox is full",
            "quit 221");
    assertThat(delivered.message())
        .isEqualTo(
            "Return-Path: <sender@remote.example>\r\n"
                + "Delivered-To: "
                + alice
                + "\r\n"
                + "Subject: from python\r\n\r\n.starts with a dot\r\nplain line\r\n");
    assertThat(deliveredTo(accounts().bob())).isEmpty();
  }

  private static List<String> runPython(String script, String... args) throws Exception {
    var command = new ArrayList<>(List.of("python3", "-c", script));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          "python3 is needed for this test (smtplib.LMTP is the real client) but could not be"
              + " started: "
              + e.getMessage(),
          e);
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("python3 LMTP client did not finish within 60 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("python3 exit status; output:%n%s", output).isZero();
    return output.lines().toList();
  }
}
