package io.mailroom.bench.imap;

import java.util.List;

/** A tagged completion with the untagged responses the server sent while the command ran. */
public record ImapReply(String command, ImapResponse tagged, List<ImapResponse> untagged) {

  public enum Status {
    OK,
    NO,
    BAD,
    OTHER
  }

  public ImapReply {
    untagged = List.copyOf(untagged);
  }

  public Status status() {
    return switch (tagged.firstWord().toUpperCase(java.util.Locale.ROOT)) {
      case "OK" -> Status.OK;
      case "NO" -> Status.NO;
      case "BAD" -> Status.BAD;
      default -> Status.OTHER;
    };
  }

  public boolean ok() {
    return status() == Status.OK;
  }

  /** The completion's response code, such as {@code APPENDUID 7 42}, or "". */
  public String code() {
    return tagged.responseCode();
  }

  /** The last {@code * n EXISTS} among the untagged responses, or -1. */
  public long exists() {
    long exists = -1;
    for (ImapResponse r : untagged) {
      long n = r.numbered("EXISTS");
      if (n >= 0) {
        exists = n;
      }
    }
    return exists;
  }

  /** How many {@code * n EXPUNGE} responses came. */
  public int expunged() {
    int count = 0;
    for (ImapResponse r : untagged) {
      if (r.numbered("EXPUNGE") >= 0) {
        count++;
      }
    }
    return count;
  }

  /** A short description for a failed check: the command and what came back. */
  public String describe() {
    String shown = command.length() > 80 ? command.substring(0, 80) + "..." : command;
    return shown + " -> " + tagged;
  }
}
