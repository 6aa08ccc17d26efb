package io.mailroom.filter.sieve.ext;

import java.util.Set;
import org.apache.jsieve.Arguments;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.mail.MailAdapter;
import org.apache.jsieve.mail.SieveMailException;

/** mailboxexists names: true when every named mailbox exists (RFC 5490 3.1). */
public class MailboxExistsTest extends MatchingTest {
  @Override
  protected boolean executeBasic(MailAdapter mail, Arguments arguments, SieveContext context)
      throws SieveMailException {
    var args = TaggedArguments.of(arguments, Set.of());
    var existing =
        SieveMessage.of(mail)
            .mailboxes()
            .orElseThrow(() -> new SieveMailException("mailbox list was not fetched"));
    for (var name : args.lists().get(0)) {
      var found =
          name.equalsIgnoreCase("INBOX")
              ? existing.stream().anyMatch(m -> m.equalsIgnoreCase("INBOX"))
              : existing.contains(name);
      if (!found) {
        return false;
      }
    }
    return true;
  }

  @Override
  protected void validateArguments(Arguments arguments, SieveContext context) {
    // Checked when the script was compiled.
  }
}
