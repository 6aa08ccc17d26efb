package io.mailroom.store.lmtp.command;

import java.util.OptionalLong;

/** One LMTP command line as the client meant it (RFC 2033, RFC 5321 verbs). */
public sealed interface LmtpCommand {

  /** LHLO: the only greeting LMTP has. */
  record Lhlo(String clientName) implements LmtpCommand {}

  /** HELO or EHLO, which an LMTP server must refuse (RFC 2033 4.1). */
  record SmtpGreeting(String verb) implements LmtpCommand {}

  /**
   * MAIL FROM.
   *
   * @param sender the reverse path, "" for the null sender {@code <>}
   * @param declaredSize the SIZE= parameter (RFC 1870), if given
   */
  record Mail(String sender, OptionalLong declaredSize) implements LmtpCommand {}

  /** RCPT TO. */
  record Rcpt(MailAddress recipient) implements LmtpCommand {}

  record Data() implements LmtpCommand {}

  record Rset() implements LmtpCommand {}

  record Noop() implements LmtpCommand {}

  record Quit() implements LmtpCommand {}

  record Vrfy(String argument) implements LmtpCommand {}

  /** A verb this server does not know. */
  record Unrecognized(String verb) implements LmtpCommand {}

  /** A known verb with arguments that do not parse. */
  record Malformed(String verb, String reason) implements LmtpCommand {}

  /** A MAIL or RCPT parameter this server did not announce (RFC 5321 555). */
  record UnsupportedParameter(String verb, String parameter) implements LmtpCommand {}
}
