package io.mailroom.filter.sieve.ext;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.jsieve.mail.MailAdapter;
import org.apache.jsieve.mail.SieveMailException;

/** What our extensions need from the message beyond jSieve's MailAdapter. */
public interface SieveMessage {

  /** The imap4flags internal variable; mutable. */
  Set<String> internalFlags();

  /** Names of the account's mailboxes, when they were fetched for mailboxexists. */
  Optional<Set<String>> mailboxes();

  /**
   * The body texts for an RFC 5173 transform: ":raw" (one string), ":text" (decoded text parts) or
   * ":content" (parts of the given types).
   */
  List<String> bodyTexts(String transform, List<String> contentTypes) throws SieveMailException;

  static SieveMessage of(MailAdapter mail) {
    return (SieveMessage) mail;
  }
}
