package io.mailroom.imap.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.imap.protocol.Mailboxes;
import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real IMAP client library (Angus Mail's IMAPStore) against the gateway and the in-memory store.
 */
@QuarkusTest
class JakartaMailClientTest {
  @Inject InMemoryStore store;

  @BeforeEach
  void seed() {
    Mailboxes.seed(store);
  }

  private static Store connect(boolean startTls) throws Exception {
    return connect(startTls, null);
  }

  /** With {@code trace}, Angus writes the protocol there (mail.debug). */
  private static Store connect(boolean startTls, ByteArrayOutputStream trace) throws Exception {
    var props = new Properties();
    props.put("mail.imap.host", "127.0.0.1");
    props.put("mail.imap.port", "11143");
    props.put("mail.imap.connectiontimeout", "5000");
    props.put("mail.imap.timeout", "10000");
    props.put("mail.debug", trace != null ? "true" : System.getProperty("imap.debug", "false"));
    if (startTls) {
      props.put("mail.imap.starttls.required", "true");
      props.put("mail.imap.ssl.trust", "*");
      props.put("mail.imap.ssl.checkserveridentity", "false");
    }
    Session session = Session.getInstance(props);
    if (trace != null) {
      session.setDebugOut(new PrintStream(trace, true, StandardCharsets.UTF_8));
    }
    Store s = session.getStore("imap");
    s.connect("alice", "secret");
    return s;
  }

  @Test
  void listSelectFetchFlagCopyMoveExpunge() throws Exception {
    Store s = connect(false);
    try {
      var names = Arrays.stream(s.getDefaultFolder().list("*")).map(Folder::getFullName).toList();
      assertThat(names).contains("INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive");
      assertThat(((IMAPFolder) s.getFolder("Sent")).getAttributes()).contains("\\Sent");

      var inbox = (IMAPFolder) s.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      assertThat(inbox.getMessageCount()).isEqualTo(3);
      Message first = inbox.getMessage(1);
      assertThat(first.getSubject()).isEqualTo("Hello");
      assertThat(((InternetAddress) first.getFrom()[0]).getAddress()).isEqualTo("bob@example.org");
      assertThat(((InternetAddress) first.getFrom()[0]).getPersonal()).isEqualTo("Bob Example");
      assertThat(first.getContent().toString()).isEqualTo("Hi Alice,\r\nhow are you?\r\n");

      Message report = inbox.getMessage(2);
      var multipart = (Multipart) report.getContent();
      assertThat(multipart.getCount()).isEqualTo(2);
      assertThat(multipart.getBodyPart(0).getContent().toString()).isEqualTo("See attached.");
      assertThat(multipart.getBodyPart(1).getFileName()).isEqualTo("r.bin");
      assertThat(multipart.getBodyPart(1).getInputStream().readAllBytes())
          .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
      assertThat(report.isSet(Flags.Flag.SEEN)).isTrue(); // reading the content set \Seen

      inbox.setFlags(new int[] {3}, new Flags(Flags.Flag.FLAGGED), true);
      assertThat(store.flags("alice", "INBOX", 3)).contains("\\Flagged");

      var archive = s.getFolder("Archive");
      inbox.copyMessages(new Message[] {first}, archive);
      assertThat(store.uids("alice", "Archive")).containsExactly(1L);

      inbox.moveMessages(new Message[] {inbox.getMessage(3)}, s.getFolder("Trash"));
      assertThat(store.uids("alice", "INBOX")).containsExactly(1L, 2L);
      assertThat(store.uids("alice", "Trash")).hasSize(1);
      // Angus counts a moved message until its own expunge() or a reopen; see the next test.
      inbox.close(false);
      inbox.open(Folder.READ_WRITE);
      assertThat(inbox.getMessageCount()).isEqualTo(2);

      inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
      Message[] expunged = inbox.expunge();
      assertThat(expunged).hasSize(1);
      assertThat(inbox.getMessageCount()).isEqualTo(1);
      assertThat(inbox.getUID(inbox.getMessage(1))).isEqualTo(2);
      inbox.close(false);
    } finally {
      s.close();
    }
  }

  /**
   * MOVE with the folder open. The gateway answers as RFC 6851 4.3 says (COPYUID in an untagged OK,
   * then the EXPUNGE, then the tagged OK), and Angus reads both: the COPYUID gives the new UID, the
   * EXPUNGE marks the message expunged and tells the listeners. But Angus' getMessageCount() is its
   * message cache ({@code IMAPFolder.total}), which only an EXISTS, its own expunge() or a reopen
   * change; an untagged EXPUNGE lowers only {@code realTotal}. So the count stays until the
   * application calls expunge() (which needs nothing \Deleted), and a NOOP does not help. Angus
   * sends MOVE by sequence number for moveMessages and moveUIDMessages alike.
   */
  @Test
  void moveShowsInTheOpenFolderAsAnExpungedMessageUntilAngusExpunges() throws Exception {
    var trace = new ByteArrayOutputStream();
    Store s = connect(false, trace);
    try {
      var inbox = (IMAPFolder) s.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      var removed = new CountDownLatch(1);
      var removedMessages = new ArrayList<Message>();
      inbox.addMessageCountListener(
          new MessageCountAdapter() {
            @Override
            public void messagesRemoved(MessageCountEvent e) {
              if (!e.isRemoved()) { // expunged by the server, not (yet) by this client
                removedMessages.addAll(Arrays.asList(e.getMessages()));
                removed.countDown();
              }
            }
          });
      Message third = inbox.getMessage(3);
      trace.reset();
      AppendUID[] moved = inbox.moveUIDMessages(new Message[] {third}, s.getFolder("Trash"));

      assertThat(wire(trace))
          .matches(
              "(?s).*[A-Z]+\\d+ MOVE 3 Trash\n"
                  + "\\* OK \\[COPYUID \\d+ 3 1\\] Moved\n"
                  + "\\* 3 EXPUNGE\n"
                  + "[A-Z]+\\d+ OK MOVE completed\n.*");
      assertThat(moved[0].uid).isEqualTo(1);
      assertThat(store.uids("alice", "INBOX")).containsExactly(1L, 2L);
      assertThat(third.isExpunged()).isTrue();
      assertThat(removed.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(removedMessages).containsExactly(third);

      // What the user sees: the count is unchanged, even after a NOOP ...
      assertThat(inbox.getMessageCount()).isEqualTo(3);
      inbox.doCommand(
          p -> {
            p.simpleCommand("NOOP", null);
            return null;
          });
      assertThat(inbox.getMessageCount()).isEqualTo(3);
      // ... until the application expunges, which removes the moved message from Angus' cache.
      assertThat(inbox.expunge()).containsExactly(third);
      assertThat(inbox.getMessageCount()).isEqualTo(2);
      assertThat(inbox.getMessage(2).getSubject()).isEqualTo("Report");
      inbox.close(false);
    } finally {
      s.close();
    }
  }

  /** The protocol lines of an Angus trace, without its DEBUG lines, LF-terminated. */
  private static String wire(ByteArrayOutputStream trace) {
    return trace
        .toString(StandardCharsets.UTF_8)
        .replace("\r", "")
        .lines()
        .filter(line -> !line.startsWith("DEBUG"))
        .map(line -> line + "\n")
        .collect(Collectors.joining());
  }

  @Test
  void appendReturnsTheNewUid() throws Exception {
    Store s = connect(false);
    try {
      var drafts = (IMAPFolder) s.getFolder("Drafts");
      var message = new MimeMessage((Session) null);
      message.setFrom("alice@example.org");
      message.setSubject("Draft from Jakarta Mail");
      message.setText("Body text");
      message.setFlag(Flags.Flag.DRAFT, true);
      var uids = drafts.appendUIDMessages(new Message[] {message});
      assertThat(uids[0].uid).isEqualTo(1);
      drafts.open(Folder.READ_ONLY);
      assertThat(drafts.getMessageByUID(1).getSubject()).isEqualTo("Draft from Jakarta Mail");
      assertThat(drafts.getMessageByUID(1).isSet(Flags.Flag.DRAFT)).isTrue();
      assertThat(((UIDFolder) drafts).getUIDValidity()).isPositive();
      drafts.close(false);
    } finally {
      s.close();
    }
  }

  @Test
  void idleIsWokenByAnotherClientsChange() throws Exception {
    Store watcher = connect(false);
    Store writer = connect(true); // also proves STARTTLS works with a real client
    try {
      var inbox = (IMAPFolder) watcher.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      var arrived = new CountDownLatch(1);
      inbox.addMessageCountListener(
          new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent e) {
              arrived.countDown();
            }
          });
      var idler =
          new Thread(
              () -> {
                try {
                  while (arrived.getCount() > 0) {
                    inbox.idle(true);
                  }
                } catch (Exception ignored) {
                  // the folder closes at the end of the test
                }
              });
      idler.start();
      Thread.sleep(300); // let IDLE start; the change below must arrive while idling
      var message = new MimeMessage((Session) null);
      message.setSubject("pushed");
      message.setText("x");
      writer.getFolder("INBOX").appendMessages(new Message[] {message});
      assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(((IMAPStore) writer).hasCapability("IDLE")).isTrue();
      idler.join(5000);
      assertThat(inbox.getMessageCount()).isEqualTo(4);
    } finally {
      watcher.close();
      writer.close();
    }
  }
}
