package io.mailroom.filter.sieve.ext;

import java.util.List;
import java.util.Set;
import org.apache.jsieve.Arguments;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

/**
 * body [COMPARATOR] [MATCH-TYPE] [:raw / :content types / :text] keys (RFC 5173). jSieve's own body
 * test knows only :contains without a comparator; this one supports all match types.
 */
public class BodyTest extends MatchingTest {
  @Override
  protected boolean executeBasic(MailAdapter mail, Arguments arguments, SieveContext context)
      throws SieveException {
    var args = TaggedArguments.of(arguments, Set.of(":comparator", ":content"));
    var transform =
        args.tags().contains(":raw")
            ? ":raw"
            : args.tags().contains(":content") ? ":content" : ":text";
    var types = args.values().getOrDefault(":content", List.of());
    var texts = SieveMessage.of(mail).bodyTexts(transform, types);
    return anyMatches(args, texts, args.lists().get(0), context);
  }

  @Override
  protected void validateArguments(Arguments arguments, SieveContext context) {
    // Checked when the script was compiled.
  }
}
