import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Jakarta Mail (Angus) as a real client of the running suite: IMAP (list, append, fetch, flags,
 * copy, move, expunge) and POP3 (stat, retrieve, delete). Usage: AngusClients USER PASSWORD.
 * Exits non-zero, saying what differed, when the server does not do what a user expects.
 */
public class AngusClients {
  static final String HOST = "127.0.0.1";

  public static void main(String[] args) throws Exception {
    String user = args[0];
    String password = args[1];
    int imapPort = Integer.parseInt(System.getenv().getOrDefault("MAILROOM_IMAP_PORT", "1143"));
    int pop3Port = Integer.parseInt(System.getenv().getOrDefault("MAILROOM_POP3_PORT", "1110"));
    Session session = Session.getInstance(new Properties());

    Store imap = session.getStore("imap");
    imap.connect(HOST, imapPort, user, password);
    Folder[] folders = imap.getDefaultFolder().list("*");
    var names = Arrays.stream(folders).map(Folder::getFullName).toList();
    check(names.containsAll(java.util.List.of("INBOX", "Sent", "Trash")), "IMAP LIST " + names);

    IMAPFolder inbox = (IMAPFolder) imap.getFolder("INBOX");
    inbox.open(Folder.READ_WRITE);
    int before = inbox.getMessageCount();
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("angus@example.org", "Angus"));
    message.setRecipients(Message.RecipientType.TO, user + "@mailroom.test");
    message.setSubject("Hello from Jakarta Mail");
    message.setText("Appended by Angus.\r\n");
    var appended = inbox.appendUIDMessages(new Message[] {message});
    check(appended[0] != null && appended[0].uid > 0, "APPENDUID given: " + appended[0]);
    check(inbox.getMessageCount() == before + 1, "the appended message is in INBOX");

    Message fetched = inbox.getMessageByUID(appended[0].uid);
    check("Hello from Jakarta Mail".equals(fetched.getSubject()), "ENVELOPE subject");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    fetched.writeTo(body);
    check(body.toString().contains("Appended by Angus."), "BODY[] has the text");
    check(fetched.getSize() == body.size(), "RFC822.SIZE " + fetched.getSize() + " = octets " + body.size());
    fetched.setFlag(Flags.Flag.FLAGGED, true);
    check(inbox.getMessageByUID(appended[0].uid).isSet(Flags.Flag.FLAGGED), "\\Flagged stored");

    Folder archive = imap.getFolder("Angus");
    if (!archive.exists()) {
      check(archive.create(Folder.HOLDS_MESSAGES), "CREATE Angus");
    }
    inbox.copyUIDMessages(new Message[] {fetched}, archive);
    inbox.moveUIDMessages(new Message[] {fetched}, imap.getFolder("Trash"));
    archive.open(Folder.READ_ONLY);
    check(archive.getMessageCount() == 1, "COPY put it in Angus");
    archive.close(false);
    inbox.close(false);
    // A closed folder's count comes from STATUS, as a second device would see it.
    int left = imap.getFolder("INBOX").getMessageCount();
    check(left == before, "MOVE took it out of INBOX (STATUS MESSAGES " + left + ", expected " + before + ")");
    imap.close();
    System.out.println("  ok: Angus IMAPStore: list, append, fetch, flags, copy, move");

    Store pop3 = session.getStore("pop3");
    pop3.connect(HOST, pop3Port, user, password);
    Folder drop = pop3.getFolder("INBOX");
    drop.open(Folder.READ_WRITE);
    int count = drop.getMessageCount();
    check(count == before, "POP3 STAT shows the INBOX's " + before + " messages: " + count);
    if (count > 0) {
      Message first = drop.getMessage(1);
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      first.writeTo(raw);
      // Message.getSize() is the body's size in Angus POP3; LIST's sizes are getSizes().
      var pop3Folder = (org.eclipse.angus.mail.pop3.POP3Folder) drop;
      int listed = pop3Folder.getSizes()[0];
      check(listed == raw.size(), "POP3 LIST size " + listed + " = RETR octets " + raw.size());
      String uidl = pop3Folder.getUID(first);
      check(uidl != null && !uidl.isBlank(), "UIDL " + uidl);
    }
    drop.close(false);
    pop3.close();
    System.out.println("  ok: Angus POP3Store: stat, list sizes equal RETR octets, uidl");
  }

  static void check(boolean condition, String what) {
    if (!condition) {
      System.out.println("  FAILED: " + what);
      System.exit(1);
    }
  }
}
