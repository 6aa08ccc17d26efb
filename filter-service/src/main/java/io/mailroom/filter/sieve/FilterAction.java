package io.mailroom.filter.sieve;

import java.util.List;
import org.apache.jsieve.mail.Action;

/**
 * What a script decided for one message. Evaluation only collects these; applying them is the
 * caller's business, so a dry run and a real run see exactly the same list.
 */
public sealed interface FilterAction extends Action {

  /** A short human-readable form, used in the audit trail and in dry-run answers. */
  String describe();

  /** Leave the message where it is (explicitly or as the implicit keep), with these flags added. */
  record Keep(List<String> flags) implements FilterAction {
    public Keep {
      flags = List.copyOf(flags);
    }

    @Override
    public String describe() {
      return flags.isEmpty() ? "keep" : "keep :flags " + String.join(" ", flags);
    }
  }

  /** File the message into a mailbox; {@code copy} keeps the original (RFC 3894). */
  record FileInto(String mailbox, boolean copy, boolean create, List<String> flags)
      implements FilterAction {
    public FileInto {
      flags = List.copyOf(flags);
    }

    @Override
    public String describe() {
      var text = new StringBuilder("fileinto");
      if (copy) {
        text.append(" :copy");
      }
      if (create) {
        text.append(" :create");
      }
      if (!flags.isEmpty()) {
        text.append(" :flags ").append(String.join(" ", flags));
      }
      return text.append(" \"").append(mailbox).append('"').toString();
    }
  }

  /** Silently throw the message away. */
  record Discard() implements FilterAction {
    @Override
    public String describe() {
      return "discard";
    }
  }
}
