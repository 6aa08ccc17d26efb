package io.mailroom.filter.sieve;

import java.util.List;
import java.util.Set;

/** The Sieve extensions this service supports: what "require" accepts and SIEVE advertises. */
public final class Capabilities {
  private Capabilities() {}

  /** In the order ManageSieve's SIEVE capability lists them. */
  public static final List<String> ADVERTISED =
      List.of(
          "fileinto",
          "envelope",
          "body",
          "imap4flags",
          "copy",
          "mailbox",
          "comparator-i;ascii-numeric");

  public static final Set<String> SUPPORTED =
      Set.of(
          "fileinto",
          "envelope",
          "body",
          "imap4flags",
          "copy",
          "mailbox",
          "comparator-i;octet",
          "comparator-i;ascii-casemap",
          "comparator-i;ascii-numeric");
}
