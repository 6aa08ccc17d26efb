package io.mailroom.store.testkit;

/** The messages the contracts deliver: a plain one, a multipart one, and a short one. */
public final class ContractMail {
  private ContractMail() {}

  public static final String PLAIN =
      "From: Bob Example <bob@example.org>\r\n"
          + "To: alice@example.org\r\n"
          + "Subject: Hello\r\n"
          + "Date: Mon, 1 Jan 2024 10:00:00 +0000\r\n"
          + "Message-ID: <1@example.org>\r\n"
          + "\r\n"
          + "Hi Alice,\r\nhow are you?\r\n";

  public static final String MULTIPART =
      "From: carol@example.org\r\n"
          + "To: alice@example.org\r\n"
          + "Subject: Report\r\n"
          + "Date: Tue, 2 Jan 2024 11:00:00 +0000\r\n"
          + "MIME-Version: 1.0\r\n"
          + "Content-Type: multipart/mixed; boundary=\"XX\"\r\n"
          + "\r\n"
          + "--XX\r\n"
          + "Content-Type: text/plain; charset=utf-8\r\n"
          + "\r\n"
          + "See attached.\r\n"
          + "--XX\r\n"
          + "Content-Type: application/octet-stream; name=\"r.bin\"\r\n"
          + "Content-Transfer-Encoding: base64\r\n"
          + "\r\n"
          + "AAECAwQFBgcICQ==\r\n"
          + "--XX--\r\n";

  public static final String MEETING =
      "From: dave@example.org\r\n"
          + "To: alice@example.org\r\n"
          + "Subject: Meeting tomorrow\r\n"
          + "Date: Wed, 3 Jan 2024 12:00:00 +0000\r\n"
          + "\r\n"
          + "At ten.\r\n";
}
