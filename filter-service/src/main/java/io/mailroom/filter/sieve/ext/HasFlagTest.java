package io.mailroom.filter.sieve.ext;

import java.util.ArrayList;
import java.util.Set;
import org.apache.jsieve.Arguments;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

/** hasflag [MATCH-TYPE] [COMPARATOR] flags: RFC 5232 4, on the internal variable. */
public class HasFlagTest extends MatchingTest {
  @Override
  protected boolean executeBasic(MailAdapter mail, Arguments arguments, SieveContext context)
      throws SieveException {
    var args = TaggedArguments.of(arguments, Set.of(":comparator"));
    var keys = Flags.parse(args.lists().get(0));
    return anyMatches(args, new ArrayList<>(SieveMessage.of(mail).internalFlags()), keys, context);
  }

  @Override
  protected void validateArguments(Arguments arguments, SieveContext context) {
    // Checked when the script was compiled.
  }
}
